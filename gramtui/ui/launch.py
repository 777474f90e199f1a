"""Starting the TUI: open the data directory (or the demo's), ask for a token if there is none."""

from __future__ import annotations

import argparse
import sys

from gramtui.engine.setup import open_session
from gramtui.settings.paths import demo_paths, resolve_paths


def run_tui(args: argparse.Namespace) -> int:
    demo = None
    if args.demo:
        from gramtui.demo import start_demo

        demo = start_demo(demo_paths(args.data_dir, args.config))
        paths, token, url = demo.paths, demo.token, demo.url
    else:
        paths, token, url = resolve_paths(args.data_dir, args.config), None, None
    session = None
    try:
        session = open_session(
            paths,
            token=token,
            base_url=url,
            first_after_sync=demo.after_sync if demo is not None else (),
        )
        if demo is not None:
            session.on_close.append(demo.close)
        from gramtui.ui.app import GramtuiApp

        app = GramtuiApp(session, demo=demo is not None)
        app.run()
        if app.return_code:
            return app.return_code
        return 0
    finally:
        if session is not None:
            session.close()
        elif demo is not None:
            demo.close()
        sys.stdout.flush()
