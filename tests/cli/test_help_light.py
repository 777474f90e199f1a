"""`gramtui --help` imports only what declaring the arguments needs: no JSON or CSV writer, no
dataclasses, no paths (platformdirs), no domain records; each command imports those when it
runs. The spelt-out choices that make this possible agree with the domain's."""

from __future__ import annotations

import subprocess
import sys
from typing import get_args

from gramtui.commands.rules_cmd import SIZES
from gramtui.domain.records import Size


def test_help_loads_no_writer_paths_or_domain_records() -> None:
    code = (
        "import sys\n"
        "from gramtui.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "light = ('json', 'csv', 'dataclasses', 'platformdirs', 'gramtui.settings.paths',\n"
        "         'gramtui.domain.records')\n"
        "sys.stderr.write(','.join(n for n in light if n in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "usage: gramtui" in done.stdout
    assert done.stderr == ""


def test_size_choices_are_the_domain_sizes() -> None:
    assert SIZES == get_args(Size)
