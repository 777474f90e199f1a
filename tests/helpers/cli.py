"""Running gramtui's command line from a test: in this process (fast: no interpreter start, no
imports again) or as `python -m gramtui` in a subprocess (exit codes at the process level, pipes,
signals, crashes). Both answer a CompletedProcess, so a test reads them the same way."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import overload


@overload
def gramtui(
    *args: str,
    env: Mapping[str, str] | None = ...,
    stdin: str = ...,
    timeout: float = ...,
    cwd: Path | None = ...,
    text: bool = True,
) -> subprocess.CompletedProcess[str]: ...
@overload
def gramtui(
    *args: str,
    env: Mapping[str, str] | None = ...,
    stdin: bytes = ...,
    timeout: float = ...,
    cwd: Path | None = ...,
    text: bool = False,
) -> subprocess.CompletedProcess[bytes]: ...
def gramtui(
    *args: str,
    env: Mapping[str, str] | None = None,
    stdin: str | bytes = "",
    timeout: float = 120,
    cwd: Path | None = None,
    text: bool = True,
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """`python -m gramtui ARGS` in a subprocess, with `env` added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "gramtui", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=text,
        timeout=timeout,
        input=stdin,
        cwd=cwd,
    )


class _Stream(io.TextIOWrapper):
    """A text stream over bytes, as sys.stdout/stdin are (commands may use `.buffer`)."""

    def __init__(self, data: bytes = b"") -> None:
        self._bytes = io.BytesIO(data)
        super().__init__(self._bytes, encoding="utf-8", errors="surrogateescape")

    def fileno(self) -> int:  # like a pipe a test reads: no file descriptor to dup over
        raise io.UnsupportedOperation("fileno")

    def captured(self) -> bytes:
        self.flush()
        return self._bytes.getvalue()


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _logging_kept() -> Iterator[None]:
    """A command sets up its log file on the root logger: put pytest's handlers back after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        for handler in handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(level)


@overload
def gramtui_in_process(
    *args: str,
    env: Mapping[str, str] | None = ...,
    stdin: str = ...,
    cwd: Path | None = ...,
    text: bool = True,
) -> subprocess.CompletedProcess[str]: ...
@overload
def gramtui_in_process(
    *args: str,
    env: Mapping[str, str] | None = ...,
    stdin: bytes = ...,
    cwd: Path | None = ...,
    text: bool = False,
) -> subprocess.CompletedProcess[bytes]: ...
def gramtui_in_process(
    *args: str,
    env: Mapping[str, str] | None = None,
    stdin: str | bytes = "",
    cwd: Path | None = None,
    text: bool = True,
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """`gramtui ARGS` through `gramtui.cli.main` in this process, with `env` set meanwhile:
    the exit status main returns (or argparse exits with), and what it wrote."""
    from gramtui.cli import main

    data = stdin.encode() if isinstance(stdin, str) else stdin
    out, err, given = _Stream(), _Stream(), _Stream(data)
    with (
        contextlib.chdir(cwd or Path.cwd()),
        _environment(env or {}),
        _logging_kept(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        saved_stdin, sys.stdin = sys.stdin, given
        try:
            code = main(list(args))
        except SystemExit as e:  # argparse: --help, usage errors
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
            if isinstance(e.code, str):
                err.write(e.code + "\n")
        finally:
            sys.stdin = saved_stdin
    argv = ["gramtui", *args]
    if text:  # decoded with universal newlines, as subprocess.run(text=True) does
        return subprocess.CompletedProcess(argv, code, _text(out.captured()), _text(err.captured()))
    return subprocess.CompletedProcess(argv, code, out.captured(), err.captured())


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
