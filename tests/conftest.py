"""Shared test set-up: snapshots live in the top-level snapshots/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.base import AbstractSyrupyExtension
from syrupy.location import PyTestLocation

ROOT = Path(__file__).resolve().parent.parent


class SnapshotsFolder(SVGImageExtension):
    """The plugin's SVG snapshots, one folder per test module under snapshots/ instead of
    __snapshots__ beside the tests (syrupy's way: an extension says where its files go)."""

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(ROOT / "snapshots" / Path(test_location.filepath).stem)


class FolderSnapshots(SnapshotAssertion):
    """The `snapshot` fixture, asked by snap_compare for its SVG extension, uses ours."""

    def use_extension(
        self, extension_class: type[AbstractSyrupyExtension] | None = None
    ) -> SnapshotAssertion:
        if extension_class is SVGImageExtension:
            extension_class = SnapshotsFolder
        return super().use_extension(extension_class)


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return FolderSnapshots(
        update_snapshots=snapshot.update_snapshots,
        extension_class=snapshot.extension_class,
        test_location=snapshot.test_location,
        session=snapshot.session,
    )


# -- real parts: the sandbox over loopback, a session on a real SQLite file -----------------

import contextlib  # noqa: E402
import gc  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402

import pytest  # noqa: E402
from helpers.clock import FakeClock  # noqa: E402

# The cyclic garbage collector with its default thresholds (700, 10, 10) ran a full collection
# about once per app test, each walking the ~350,000 objects a worker holds (0.3 s): 29 % of the
# CPU of the Textual tests. Collecting the young generations ~70 times less often leaves the
# same garbage to the cheap young collections and runs a full one rarely (RSS stays ~300 MB).
gc.set_threshold(50_000, 20, 50)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first: the workers share them out at the start instead of one worker
    running the last of them alone while the other is done."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def rate_clock() -> FakeClock:
    """The time the sandboxes' rate windows and the sessions' rate limiters share: real time
    passes (clients in other processes see the window move), and a limiter's wait for room
    moves it on at once instead of sleeping."""
    return FakeClock(ticking=True)


@pytest.fixture
def sandbox_server(rate_clock: FakeClock) -> Iterator[Callable[..., object]]:
    """Start sandboxes over loopback HTTP: sandbox_server(instances=..., **config) -> server."""
    from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve

    servers = []

    def start(
        *,
        instances: int | None = None,
        listings: int | None = None,
        wants: int | None = None,
        **config: object,
    ) -> object:
        settings = {"window_seconds": 2.0, **config}
        sandbox = Sandbox(
            build_state(instances=instances, listings=listings, wants=wants),
            SandboxConfig(**settings),  # type: ignore[arg-type]
            clock=rate_clock.monotonic,
        )
        server = serve(sandbox, host="127.0.0.1", port=0)
        server.sandbox = sandbox  # type: ignore[attr-defined]
        servers.append(server)
        return server

    yield start
    for s in servers:
        with contextlib.suppress(Exception):
            s.close()


@pytest.fixture
def make_session(tmp_path: Path, rate_clock: FakeClock) -> Iterator[Callable[..., object]]:
    """Open sessions on a real SQLite file in tmp_path, against a server URL."""
    from gramtui.discogs.ratelimit import RateLimiter
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import Paths

    sessions = []

    def make(
        url: str,
        *,
        token: str = "sandbox-token",
        window: float = 2.0,
        data: str = "data",
        **kwargs: object,
    ) -> object:
        for s in sessions:
            s.close()
        sessions.clear()
        paths = Paths(tmp_path / data, tmp_path / "config.toml")
        session = open_session(
            paths,
            token=token,
            base_url=url,
            log_to_file=False,
            daily_backup=False,
            limiter=RateLimiter(
                limit=60, window=window, clock=rate_clock.monotonic, sleep=rate_clock.sleep
            ),
            backoff_base=0.01,
            **kwargs,
        )
        sessions.append(session)
        return session

    yield make
    for s in sessions:
        s.close()


@pytest.fixture
def drain() -> Callable[..., None]:
    """drain(session, timeout=60): run the session's queue until nothing is pending."""
    import threading

    def run(session: object, timeout: float = 60.0) -> None:
        stop = threading.Event()
        timer = threading.Timer(timeout, stop.set)
        timer.start()
        try:
            session.runner.run(stop, until_idle=True)  # type: ignore[attr-defined]
        finally:
            timer.cancel()
        assert not stop.is_set(), f"the queue did not drain within {timeout}s"

    return run


# -- async tests (Pilot): mark a module `pytestmark = pytest.mark.anyio` (anyio comes with httpx) --


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# -- snapshot sizes: every pane and modal is drawn at both (issue 13) --

SNAPSHOT_SIZES = [(160, 48), (80, 24)]


@pytest.fixture(params=SNAPSHOT_SIZES, ids=[f"{w}x{h}" for w, h in SNAPSHOT_SIZES])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    """The terminal size of a snapshot test: a large terminal and the smallest we support."""
    return request.param  # type: ignore[no-any-return]  # params hold (columns, rows)
