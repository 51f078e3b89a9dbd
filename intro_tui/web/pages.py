"""The join page: one small form (code, name, group if there are groups), in bokmål, with no outside resources."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from aiohttp import web

_PAGE = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bli med – intro-tui</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #0c181f; color: #f0f0f0; display: flex;
       justify-content: center; align-items: center; min-height: 100vh; margin: 0; }}
form {{ background: #12232d; padding: 2em; border-radius: 8px; width: 22em; }}
label {{ display: block; margin-top: 1em; }}
input, select {{ width: 100%; font-size: 1.4em; padding: .3em; box-sizing: border-box; }}
#code {{ letter-spacing: .2em; text-transform: uppercase; }}
button {{ margin-top: 1.5em; font-size: 1.2em; padding: .4em 1.2em; }}
.problem {{ background: #c01c28; color: white; padding: .5em; border-radius: 4px; }}
</style></head>
<body><form method="post" action="/join">
<h1>Bli med i verkstedet</h1>
{problem}
<label for="code">Kode (står på skjermen)</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" maxlength="12" required autofocus>
<label for="name">Navnet ditt (det de andre ser)</label>
<input id="name" name="name" value="{name}" maxlength="40" required>
{groups}<button id="join" type="submit">Bli med</button>
</form></body></html>
"""


def group_field(groups: list[tuple[str, str]], picked: str = "") -> str:
    """A choice of the workshop's groups (none: the field is left out)."""
    if not groups:
        return ""
    options = ['<option value="">Ingen ennå (velg i appen)</option>'] + [
        f'<option value="{escape(gid)}"{" selected" if gid == picked else ""}>{escape(name)}</option>'
        for gid, name in groups]
    return ('<label for="group">Gruppen din</label>\n<select id="group" name="group">'
            + "".join(options) + "</select>\n")


def join_page(problem: str = "", *, status: int = 200, name: str = "", groups: Sequence[tuple[str, str]] = (),
              group: str = "") -> web.Response:
    block = f'<p class="problem" id="problem" role="alert">{escape(problem)}</p>' if problem else ""
    return web.Response(text=_PAGE.format(problem=block, name=escape(name[:40]), groups=group_field(list(groups), group)),
                        status=status,
                        content_type="text/html", charset="utf-8",
                        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"})


_MESSAGE = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – intro-tui</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #0c181f; color: #f0f0f0; display: flex;
       justify-content: center; align-items: center; min-height: 100vh; margin: 0; }}
main {{ background: #12232d; padding: 2em; border-radius: 8px; width: 26em; }}
</style></head>
<body><main><h1 id="title">{title}</h1><p id="message">{message}</p><p><a href="/app">Prøv igjen</a></p></main>
</body></html>
"""


def message_page(title: str, message: str, *, status: int) -> web.Response:
    """A page that only says something (the room is full, …), in bokmål."""
    return web.Response(text=_MESSAGE.format(title=escape(title), message=escape(message)), status=status,
                        content_type="text/html", charset="utf-8",
                        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"})
