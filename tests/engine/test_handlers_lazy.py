"""The handler registry names its handlers: it matches what each engine module registers, and
opening a session imports none of them until a task runs."""

from __future__ import annotations

import subprocess
import sys

from gramtui.engine import (
    community_tasks,
    deals,
    handlers,
    insight_tasks,
    record_actions,
    rules,
    sales,
    sync,
    wants,
)


def test_the_table_resolves_to_every_modules_handlers() -> None:
    registered = {
        **sync.HANDLERS,
        **wants.HANDLERS,
        **sales.HANDLERS,
        **rules.HANDLERS,
        **deals.HANDLERS,
        **insight_tasks.HANDLERS,
        **record_actions.HANDLERS,
        **community_tasks.HANDLERS,
    }
    resolved = {kind: handlers.Lazy(target).resolve() for kind, target in handlers.TABLE.items()}
    assert resolved == registered


def test_every_after_sync_hook_resolves() -> None:
    for hook in handlers.after_sync_hooks():
        target = hook.resolve() if isinstance(hook, handlers.Lazy) else hook
        assert callable(target)


def test_a_session_imports_no_handler_module_until_a_task_runs() -> None:
    code = (
        "import sys\n"
        "import gramtui.engine.setup\n"
        "from gramtui.engine import handlers\n"
        "assert len(handlers.ALL) == len(handlers.TABLE)\n"
        "names = ('sync', 'wants', 'sales', 'rules', 'deals', 'insight_tasks', 'moves',\n"
        "         'record_actions', 'community_tasks')\n"
        "print(sorted(n for n in names if 'gramtui.engine.' + n in sys.modules))\n"
        "from gramtui.engine.queue import WHILE_RUNNING\n"
        "before = set(WHILE_RUNNING)\n"
        "import gramtui.engine.community_tasks, gramtui.engine.insight_tasks\n"
        "print(before == WHILE_RUNNING)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # the kinds `gramtui sync` leaves to the app are known before their modules are imported
    assert done.stdout.split("\n")[:2] == ["[]", "True"]
