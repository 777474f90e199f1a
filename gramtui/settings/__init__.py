"""Where gramtui keeps things, and what the user configured."""
