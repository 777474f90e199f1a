"""The loopback server: concurrency, keep-alive, closing, and `gramtui sandbox serve`."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from sandbox_testkit import UA

from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve


def test_concurrent_clients_and_edits_keep_counts_consistent():
    sandbox = Sandbox(build_state(), SandboxConfig(rate_limit=100_000))
    state = sandbox.state
    errors: list[str] = []
    with serve(sandbox) as server:

        def reader() -> None:
            with httpx.Client(
                base_url=server.url,
                headers={"User-Agent": UA, "Authorization": "Discogs token=sandbox-token"},
            ) as c:
                for _ in range(20):
                    folders = c.get("/users/demo/collection/folders").json()["folders"]
                    if folders[0]["count"] != sum(f["count"] for f in folders[1:]):
                        errors.append("counts disagree")

        def mover() -> None:
            for inst in list(state.instances.values())[:200]:
                state.move_instance(inst.instance_id, 1)

        threads = [threading.Thread(target=reader) for _ in range(4)]
        threads.append(threading.Thread(target=mover))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors
    assert sandbox.counters.total == 80


def test_close_stops_answering():
    server = serve(Sandbox(build_state()))
    url = server.url
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
    with httpx.Client(headers={"User-Agent": UA}) as c:
        assert c.get(f"{url}/releases/39000001").status_code == 200
        server.close()
        try:
            c.get(f"{url}/releases/39000001", timeout=2)
            answered = True
        except httpx.TransportError:
            answered = False
    assert not answered


# Ctrl+C as a terminal delivers it: a child inherits its parent's ignored or blocked signals,
# and a long suite's worker may have either (a run started in the background ignores SIGINT), so
# the server starts with neither. Set in the child itself, not in a preexec_fn: that runs between
# fork and exec, which is unsafe while the test process has other threads.
AS_FROM_A_TERMINAL = (
    "import signal; signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
    "signal.signal(signal.SIGINT, signal.default_int_handler); "
)


def test_run_server_prints_url_and_token_and_stops_on_ctrl_c():
    root = Path(__file__).resolve().parents[2]
    code = AS_FROM_A_TERMINAL + (
        "from gramtui.sandbox import run_server; run_server(0, '127.0.0.1', 500, {'latency': 0.0})"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        url = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert url and "sandbox-token" in line
        with httpx.Client(
            headers={"User-Agent": UA, "Authorization": "Discogs token=sandbox-token"}
        ) as c:
            folders = c.get(f"{url.group(0)}/users/demo/collection/folders").json()
        assert folders["folders"][0]["count"] == 500
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(f"Ctrl+C did not stop the sandbox: {err[-2000:]}") from None
        assert code == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_stall_over_loopback_times_the_client_out_quietly(capfd):
    config = SandboxConfig(stall_rate=1.0, stall_seconds=0.4)
    sandbox = Sandbox(build_state(), config)
    with (
        serve(sandbox) as server,
        httpx.Client(base_url=server.url, headers={"User-Agent": UA}) as c,
    ):
        try:
            c.get("/releases/39000001", timeout=0.1)
            timed_out = False
        except httpx.ReadTimeout:
            timed_out = True
        threading.Event().wait(0.5)  # let the stalled handler wake and find the client gone
    assert timed_out and sandbox.counters.faults["stall"] == 1
    assert "Traceback" not in capfd.readouterr().err


def test_rate_limit_over_loopback():
    sandbox = Sandbox(build_state(), SandboxConfig(rate_limit=2))
    with (
        serve(sandbox) as server,
        httpx.Client(
            base_url=server.url,
            headers={"User-Agent": UA, "Authorization": "Discogs token=sandbox-token"},
        ) as c,
    ):
        answers = [c.get("/oauth/identity") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json() == {"message": "You are making requests too quickly."}
    assert answers[2].headers["X-Discogs-Ratelimit-Remaining"] == "0"
    assert int(answers[2].headers["Retry-After"]) >= 59
