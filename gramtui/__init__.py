"""gramtui: a terminal application for record collectors who keep their collection on Discogs."""

__version__ = "0.1.0"

import logging as _logging

# With no handler set up yet (the log file is opened with the session), gramtui's warnings
# would reach the terminal through logging's last resort; they belong in the log file only.
_logging.getLogger("gramtui").addHandler(_logging.NullHandler())
