"""The SQLite store (peewee): models, opening, schema versions, backups, and small query functions."""
