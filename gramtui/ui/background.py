"""The one way the UI runs work off its thread: a thread worker whose result comes back to the UI
thread, and whose failure is logged with its traceback and told as one sentence.

No worker may end the app: every worker here is started with `exit_on_error=False`, and an error
(an `OperationalError` while another process writes, a bug) leaves the pane usable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from textual.app import App
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

log = logging.getLogger("gramtui.ui")

T = TypeVar("T")


def failure_sentence(what: str, error: BaseException) -> str:
    """What the user reads when `what` failed: the error's own words for the errors gramtui
    raises on purpose, a pointer to the log for a bug."""
    from gramtui.engine.status import StoreBusy  # the engine loads after the first frame

    if isinstance(error, StoreBusy):
        return f"{what} waits: {error}"
    if isinstance(error, OSError) and error.strerror:  # a file: say which and why
        where = f" ({error.filename})" if error.filename else ""
        return f"{what} failed: {error.strerror}{where}."
    text = str(error).strip()
    if type(error).__module__.startswith("gramtui") and text:
        return f"{what} failed: {text}"
    return f"{what} failed ({type(error).__name__}); the details are in logs/gramtui.log in the data directory."


def in_thread(
    widget: Widget | App[None],
    work: Callable[[], T],
    done: Callable[[T], None],
    *,
    what: str,
    group: str,
    exclusive: bool = True,
    failed: Callable[[str], None] | None = None,
) -> Worker[None]:
    """Run `work` in a thread worker; `done(result)` runs on the UI thread unless the worker was
    cancelled (a newer read replaced it). On failure, `failed(sentence)` runs on the UI thread
    (default: a notification). `what` names the work for the user ("Reading the sales plan")."""

    def report(sentence: str) -> None:
        if failed is not None:
            failed(sentence)
        else:
            widget.notify(sentence, severity="error", timeout=10)

    def run() -> None:
        worker = get_current_worker()
        try:
            result = work()
        except Exception as e:  # the policy: log, tell, carry on
            log.exception("%s failed", what)
            if not worker.is_cancelled:
                _post(widget, report, failure_sentence(what, e))
            return
        if not worker.is_cancelled:
            _post(widget, done, result)

    return widget.run_worker(
        run, thread=True, exclusive=exclusive, group=group, name=what, exit_on_error=False
    )


def _post(widget: Widget | App[None], fn: Callable[[T], None], value: T) -> None:
    """Call fn(value) on the UI thread, unless the app is already closing."""
    app = widget.app
    if not app.is_running or not widget.is_attached:
        return
    try:
        app.call_from_thread(fn, value)
    except RuntimeError:  # the app's loop closed between the check and the call
        log.debug("result of a worker dropped: the app is closing")
