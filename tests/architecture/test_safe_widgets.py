"""Every pane and screen shows text through the widgets that make control characters visible
(ui/widgets/safe.py), never through Textual's own Static, DataTable or OptionList."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "gramtui" / "ui"
WRAPPED = {"Static", "DataTable", "OptionList"}


def test_no_ui_module_imports_the_unwrapped_widgets() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "safe.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets":
                found += [f"{path.name}: {a.name}" for a in node.names if a.name in WRAPPED]
    assert found == []
