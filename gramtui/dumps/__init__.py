"""Streaming readers of the Discogs monthly XML data dumps: pure parsing, no SQL.

The writer lives in store/catalogue.py; the command that joins both is commands/dump_cmd.py.
"""
