"""The demo: the sandbox on loopback, seeded with the sample collection, and a data directory
of its own, so trying gramtui never touches the user's real data or needs an account.

After the demo's first full sync, sample organisations, rules and want lists are added once
(gramtui/demo_seed/), so every pane has something to show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from gramtui.settings.paths import Paths, demo_paths

log = logging.getLogger("gramtui.demo")


@dataclass
class Demo:
    paths: Paths
    url: str
    token: str
    server: Any
    ebay_server: Any = None

    @property
    def after_sync(self) -> tuple[Callable[[Any, Any], None], ...]:
        """What the demo's session runs after each sync, before the features' own hooks (given
        to open_session: only the demo's session seeds, never another one)."""
        return (seed_once,)

    def close(self) -> None:
        self.server.close()
        if self.ebay_server is not None:
            self.ebay_server.close()


SANDBOX_FILE = "sandbox-account.pickle"  # the demo's Discogs account, beside its database


def start_demo(paths: Paths | None = None, instances: int | None = None) -> Demo:
    """The sandbox on loopback with the account kept in the demo's data directory, so what the
    user did on the demo's Discogs is still there at the next start, like the local store."""
    from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
    from gramtui.sandbox.persist import keep_state, load_state

    paths = paths or demo_paths()
    kept = paths.data_dir / SANDBOX_FILE
    state = load_state(kept) or build_state(instances=instances)
    keep_state(state, kept)
    config = SandboxConfig()
    server = serve(Sandbox(state, config), host="127.0.0.1", port=0)
    demo = Demo(paths, server.url, config.token, server)
    demo.ebay_server = start_ebay_sandbox(state)
    return demo


def start_ebay_sandbox(state: Any) -> Any:
    """The eBay sandbox, seeded for the sample's wants and want lists. The demo's process talks
    to it through the environment the eBay client reads (never a real eBay account)."""
    import os
    import re

    from gramtui.sandbox import serve
    from gramtui.sandbox.ebay import CLIENT_ID, CLIENT_SECRET, EbaySandbox, seed_listings

    listed = tuple(int(n) for n in re.findall(r"release (\d+)", _seed_text("wants.txt")))
    server = serve(EbaySandbox(seed_listings(state, listed)), host="127.0.0.1", port=0)
    os.environ.update(
        GRAMTUI_EBAY_URL=server.url, EBAY_CLIENT_ID=CLIENT_ID, EBAY_CLIENT_SECRET=CLIENT_SECRET
    )
    return server


def _seed_text(name: str) -> str:
    return resources.files("gramtui.demo_seed").joinpath(name).read_text(encoding="utf-8")


def seed_once(engine: Any, run: Any) -> None:
    """Sample organisations, rules and want lists, once, after the first complete sync."""
    from gramtui.engine import layouts, rules, sync, wants
    from gramtui.store import meta

    if meta.get("demo_seeded") or not sync.completed(run, "collection") or run.kind != "full":
        return
    meta.put("demo_seeded", "yes")
    now = engine.clock()
    for what, step in (
        ("organisations", lambda: layouts.import_toml(_seed_text("organisations.toml"), now)),
        ("rules", lambda: rules.save(engine, _seed_text("rules.txt"))),
        ("want lists", lambda: wants.import_text(engine, _seed_text("wants.txt"))),
    ):
        try:
            step()
        except Exception:  # the demo still works without its samples; the log says why
            log.exception("could not seed the demo's %s", what)
