"""gramtui: a terminal application for record collectors who keep their collection on Discogs."""

__version__ = "0.1.0"
