"""Control characters from Discogs reaching the terminal, per surface (every figure must be 0).

    python tests/bench/bench_escapes.py

Syncs a sandbox account whose titles, artists, labels, folder names and error messages carry
ESC[2J, an OSC title, BEL, CR, a C1 CSI and a bidi override (tests/escapes/escapes_kit.py), with
one task failing on a message that quotes them. Then counts, for every text command and every
TUI pane, the control characters in what would be written to the terminal (C0 but newline and
tab, DEL, C1, bidi overrides; Textual's own cursor and style codes are not text and not counted),
and how many escape codes were shown as the visible ␛ instead. Exits 1 if any count is not 0.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "escapes"))

from escapes_kit import controls, hostile_sandbox  # noqa: E402

SIZES = {"instances": 40, "listings": 8, "wants": 8}
COMMANDS = [["records"], ["listings"], ["wants"], ["sales", "plan"], ["queue"]]
PANES = {"1": "TUI Shelves", "3": "TUI Sales", "4": "TUI Wants", "5": "TUI Queue"}


def _count(texts: list[str], allow: str = "") -> int:
    return sum(1 for text in texts for c in text if controls([c], allow=allow))


def build(data: Path) -> None:
    from gramtui.discogs.ratelimit import RateLimiter
    from gramtui.engine import wants
    from gramtui.engine.setup import open_session
    from gramtui.engine.sync import request_sync
    from gramtui.sandbox import serve
    from gramtui.settings.paths import Paths

    with serve(hostile_sandbox(**SIZES)) as server:
        session = open_session(
            Paths(data, data / "c.toml"),
            token="sandbox-token",
            base_url=server.url,
            log_to_file=False,
            daily_backup=False,
            limiter=RateLimiter(window=0.5),
            backoff_base=0.01,
        )
        request_sync(session.engine, "full")
        session.engine.queue.enqueue(
            wants.SET_KIND, "want:999999999", {"release_id": 999_999_999, "action": "add"}
        )
        while session.runner.run_once():
            pass
        session.close()


def command(data: Path, args: list[str], url: str = "http://127.0.0.1:9") -> str:
    env = {
        **os.environ,
        "GRAMTUI_DATA_DIR": str(data),
        "GRAMTUI_CONFIG": str(data / "c.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": url,
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "gramtui", *args], env=env, capture_output=True, timeout=300
    )
    return done.stdout.decode("utf-8") + done.stderr.decode("utf-8")


def panes(data: Path) -> dict[str, list[str]]:
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import Paths
    from gramtui.ui.app import GramtuiApp

    session = open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )
    app = GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)
    shown: dict[str, list[str]] = {}

    async def drive() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            for key, name in PANES.items():
                await pilot.press(key)
                await pilot.pause()
                await pilot.press("down", "up")
                await pilot.pause()
                update = app.screen._compositor.render_full_update()
                shown[name] = [
                    seg.text
                    for line in update.strips
                    for strip in line
                    for seg in strip
                    if not seg.control
                ]
            app.notify("Discogs said: \x1b[2Jgone\x07")
            await pilot.pause()
            shown["TUI notification"] = [n.message for n in app._notifications]

    asyncio.run(drive())
    session.close()
    return shown


def main() -> int:
    from gramtui.sandbox import serve

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        build(data)
        rows: list[tuple[str, int, int]] = []
        for args in COMMANDS:
            out = command(data, args)
            rows.append((f"gramtui {' '.join(args)}", _count([out], "\n\t"), out.count("␛")))
        with serve(hostile_sandbox(**SIZES)) as server:
            out = command(data, ["sync"], server.url)
        rows.append(("gramtui sync (failure lines)", _count([out], "\n\t"), out.count("␛")))
        for name, texts in panes(data).items():
            joined = "".join(texts)
            rows.append((name, _count(texts), joined.count("␛")))
    width = max(len(r[0]) for r in rows)
    print(f"{'surface':<{width}}  control chars reaching the terminal  escape codes shown as ␛")
    for name, bad, visible in rows:
        print(f"{name:<{width}}  {bad:>34}  {visible:>22}")
    return 1 if any(bad for _, bad, _ in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
