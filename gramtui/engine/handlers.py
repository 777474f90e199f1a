"""Every task kind the runner knows, in one registry."""

from __future__ import annotations

from gramtui.engine import sync
from gramtui.engine.runner import Handler

ALL: dict[str, Handler] = {**sync.HANDLERS}
