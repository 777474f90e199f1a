"""Starting the TUI: open the data directory (or the demo's), ask for a token if there is none.

The app paints its first frame first; the session (and the engine's modules) opens in its worker.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gramtui.demo import Demo
    from gramtui.engine.setup import Session
    from gramtui.settings.paths import Paths


class Opening:
    """Opens the session for the app, in its worker; keeps what it opened, so that it is closed
    also when the app ended before the session was open."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.demo: Demo | None = None
        self.session: Session | None = None
        self._started = False
        self._ended = threading.Event()

    def open(self) -> Session:
        self._started = True
        try:
            return self._open()
        finally:
            self._ended.set()

    def paths(self) -> Paths:
        from gramtui.settings.paths import demo_paths, resolve_paths

        args = self.args
        return (demo_paths if args.demo else resolve_paths)(args.data_dir, args.config)

    def theme(self) -> str | None:
        """The config's [ui] theme, read before the first frame so that it is painted in it (the
        whole config is read, and checked, as the session opens)."""
        import tomllib

        try:
            with self.paths().config_file.open("rb") as f:
                theme = tomllib.load(f).get("ui", {}).get("theme")
        except (OSError, tomllib.TOMLDecodeError, AttributeError):
            return None
        return theme if isinstance(theme, str) else None

    def _open(self) -> Session:
        from gramtui.engine.setup import open_session

        demo = None
        if self.args.demo:
            from gramtui.demo import start_demo

            demo = self.demo = start_demo(self.paths())
            paths, token, url = demo.paths, demo.token, demo.url
        else:
            paths, token, url = self.paths(), None, None
        session = open_session(
            paths,
            token=token,
            base_url=url,
            first_after_sync=demo.after_sync if demo is not None else (),
        )
        if demo is not None:
            session.on_close.append(demo.close)
        self.session = session
        return session

    def close(self) -> None:
        if self._started:  # quit while it opened: what it opens is closed, not left open
            self._ended.wait()
        if self.session is not None:
            self.session.close()
        elif self.demo is not None:
            self.demo.close()


def run_tui(args: argparse.Namespace) -> int:
    from gramtui.ui.app import GramtuiApp

    opening = Opening(args)
    try:
        app = GramtuiApp(opener=opening.open, demo=bool(args.demo), theme=opening.theme())
        app.run()
        if app.open_error is not None:
            raise app.open_error  # a ConfigError or StoreError: cli.py says it
        if app.return_code:
            return app.return_code
        return 0
    finally:
        opening.close()
        sys.stdout.flush()
