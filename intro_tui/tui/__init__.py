"""The Textual app: screens, widgets, the command palette, start-up.

The only package that imports Textual or rich.
"""
