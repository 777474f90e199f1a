"""python-escpos must not add a stderr handler to the root logger (it would paint over the TUI).

Each check runs in a fresh interpreter: in this one pytest's own logging handlers sit on the
root logger, which would make `logging.basicConfig()` do nothing and the test prove nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_REPORT_ROOT_HANDLERS = """
import json, logging, sys
print(json.dumps([
    [type(h).__name__, getattr(h, "stream", None) is sys.stderr]
    for h in logging.getLogger().handlers
]))
"""


def run(code: str, tmp_path: Path) -> tuple[list[list[object]], str]:
    env = {**os.environ, "ESCPOS_CAPABILITIES_PICKLE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code + _REPORT_ROOT_HANDLERS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_a_plain_import_of_escpos_adds_a_stderr_handler(tmp_path: Path) -> None:
    """The hazard itself, so the guard's test below is known to be able to fail."""
    handlers, _ = run("import escpos.printer\n", tmp_path)
    assert ["StreamHandler", True] in handlers


def test_the_guarded_import_and_printer_use_leave_the_root_logger_alone(tmp_path: Path) -> None:
    code = f"""
import socket
from gramtui.printing.escpos_import import escpos_printers
from gramtui.printing.printers import PrinterConfig, PrinterError, print_slips
from gramtui.printing.slip import render_test_slip

escpos_printers()
closed = socket.socket()
closed.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
config = PrinterConfig("network", host="127.0.0.1", port=closed.getsockname()[1], timeout=2)
try:
    print_slips(config, [render_test_slip(32)])
except PrinterError:
    pass
print_slips(PrinterConfig("file", path={str(tmp_path / "slips.bin")!r}), [render_test_slip(32)])
"""
    handlers, stderr = run(code, tmp_path)
    assert handlers == []
    assert stderr == ""
    assert (tmp_path / "slips.bin").stat().st_size > 0


def test_handlers_the_app_set_up_are_kept(tmp_path: Path) -> None:
    code = """
import logging
logging.getLogger().addHandler(logging.FileHandler("/dev/null"))
from gramtui.printing.escpos_import import escpos_printers
escpos_printers()
"""
    handlers, _ = run(code, tmp_path)
    assert handlers == [["FileHandler", False]]
