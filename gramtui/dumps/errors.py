"""The one error a dump reader raises: its message is a sentence for the user."""

from __future__ import annotations


class DumpError(Exception):
    """The file cannot be read as a Discogs dump: the message names the file and where."""
