"""``intro-tui serve``: the app in web browsers (textual-serve, aiohttp) behind a join code.

Only the ``serve`` command imports this package; the core never does.
"""
