"""Helpers shared by test folders (a package, so two folders' tests can run in one process)."""
