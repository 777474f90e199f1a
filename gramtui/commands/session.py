"""Opening a session for a command, with the demo's sandbox when --demo is given."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gramtui.engine.setup import Session


@contextmanager
def command_session(args: argparse.Namespace, *, daily_backup: bool = True) -> Iterator[Session]:
    # here, so `--help` loads neither the engine nor the paths (platformdirs)
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import demo_paths, resolve_paths

    demo = None
    if getattr(args, "demo", False):
        from gramtui.demo import start_demo

        demo = start_demo(demo_paths(args.data_dir, args.config))
        paths, token, url = demo.paths, demo.token, demo.url
    else:
        paths, token, url = resolve_paths(args.data_dir, args.config), None, None
    session = None
    try:
        command = f"gramtui {args.command}" if getattr(args, "command", None) else "gramtui"
        session = open_session(
            paths,
            token=token,
            base_url=url,
            daily_backup=daily_backup,
            command=command,
            first_after_sync=demo.after_sync if demo is not None else (),
        )
        if demo is not None:
            session.on_close.append(demo.close)
        yield session
    finally:
        if session is not None:
            session.close()
        elif demo is not None:
            demo.close()
