"""The layers of DESIGN.md hold: the domain is pure, the UI reads through the engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "gramtui"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                out.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return out


def test_importing_the_domain_loads_no_textual_peewee_or_httpx() -> None:
    code = (
        "import sys, pkgutil, importlib, gramtui.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'gramtui.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in ('textual', 'peewee', 'httpx', 'sqlite3', 'escpos') if n in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_domain_imports_no_other_layer() -> None:
    forbidden = (
        "gramtui.store",
        "gramtui.engine",
        "gramtui.discogs",
        "gramtui.ui",
        "gramtui.printing",
        "gramtui.commands",
        "gramtui.sandbox",
        "gramtui.settings",
        "textual",
        "peewee",
        "httpx",
    )
    assert _violations("domain", forbidden) == []


def test_ui_never_runs_sql_or_http_itself() -> None:
    forbidden = (
        "peewee",
        "playhouse",
        "httpx",
        "sqlite3",
        "gramtui.store",
        "gramtui.discogs.client",
    )
    assert _violations("ui", forbidden) == []


def test_store_and_discogs_do_not_reach_up() -> None:
    up = ("gramtui.engine", "gramtui.ui", "gramtui.commands", "textual")
    assert _violations("store", up) == [] and _violations("discogs", (*up, "gramtui.store")) == []


def test_building_the_command_line_loads_no_engine_store_or_ui() -> None:
    # `gramtui --help` (and argument errors) must stay fast: each command imports what it needs
    # when it runs, never when its arguments are declared.
    code = (
        "import sys\n"
        "from gramtui.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ('textual', 'peewee', 'httpx', 'sqlite3', 'escpos', 'lxml', 'rapidfuzz',\n"
        "         'gramtui.engine', 'gramtui.store', 'gramtui.ui')\n"
        "print(','.join(n for n in heavy if n in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_only_the_queue_queries_the_task_table() -> None:
    """Feature modules ask the queue (engine/queue.py) instead of querying Task themselves; the
    runner, the queue's own executor, may name the row type."""
    allowed = {"gramtui/engine/queue.py", "gramtui/engine/runner.py"}
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(PACKAGE.parent))
        if name in allowed or name.startswith("gramtui/ui/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "gramtui.store.models"
                and any(a.name == "Task" for a in node.names)
            ):
                offenders.append(name)
    assert offenders == []
