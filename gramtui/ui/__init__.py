"""The Textual UI: the app, one module per pane, modal screens and widgets.

It reads and acts through engine services; it never calls httpx or runs SQL itself.
"""
