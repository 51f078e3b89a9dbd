"""The core: templates and workshops as data, the datastore, the edit session.

Imports neither Textual, rich, the app nor export (a test reads every import).
"""
