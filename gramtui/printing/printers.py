"""Sending slips to a receipt printer over the network, USB or a file/device, with python-escpos.

Each slip travels over a connection of its own, and it counts as printed only once that
connection closed cleanly. On the network that means the printer read everything and closed its
side after ours (as the CUPS socket backend waits for): a printer that refuses, resets or stalls
mid-slip raises PrinterError, and the slips not yet confirmed are still the caller's to retry.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from gramtui.printing.escpos_import import escpos_printers, quiet_escpos
from gramtui.printing.fallback import printable
from gramtui.printing.slip import SLIP_WIDTHS, Slip, render_test_slip

PrinterKind = Literal["network", "usb", "file", "none"]


class PrinterError(Exception):
    """The printer could not be reached or did not take a slip; the message says which and why."""


class PrinterConfigError(ValueError):
    """A printer set-up that cannot work; the message says which setting to fix."""


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    kind: PrinterKind = "none"
    host: str = ""
    port: int = 9100
    vendor_id: int | None = None
    product_id: int | None = None
    path: str = ""  # a file or a device such as /dev/usb/lp0
    width: int = 42  # columns: 32, 42 or 48
    timeout: float = 10.0  # seconds a silent printer is given before it counts as stalled

    def __post_init__(self) -> None:
        if self.kind not in ("network", "usb", "file", "none"):
            raise PrinterConfigError(
                f"The printer kind {self.kind!r} is unknown: use network, usb, file or none."
            )
        if self.width not in SLIP_WIDTHS:
            raise PrinterConfigError(
                f"The printer width is {self.width}: set it to 32, 42 or 48 columns."
            )
        if self.kind == "network" and not self.host:
            raise PrinterConfigError("A network printer needs a host name or IP address.")
        if self.kind == "usb" and not (self.vendor_id and self.product_id):
            raise PrinterConfigError("A USB printer needs its vendor and product id (see lsusb).")
        if self.kind == "file" and not self.path:
            raise PrinterConfigError("A file printer needs a path, such as /dev/usb/lp0.")
        if self.timeout <= 0:
            raise PrinterConfigError(f"The printer timeout must be above 0 s, not {self.timeout}.")

    def describe(self) -> str:
        """How messages name the printer, e.g. "the printer at 192.168.1.50:9100"."""
        if self.kind == "network":
            return f"the printer at {self.host}:{self.port}"
        if self.kind == "usb":
            return f"the USB printer {self.vendor_id or 0:04x}:{self.product_id or 0:04x}"
        if self.kind == "file":
            return f"the printer file {self.path}"
        return "no printer"


def open_printer(config: PrinterConfig) -> Any:
    """A connected python-escpos printer, reset and writing code page 437. Use and close it inside
    `quiet_escpos()` (python-escpos logs); `print_slips` does all of this for you."""
    if config.kind == "none":
        raise PrinterError("No printer is set up: choose one in the settings to print.")
    printers = escpos_printers()
    with quiet_escpos():
        printer = None
        try:
            printer = _connect(config, printers)
            printer.hw("INIT")
            printer.magic.force_encoding("CP437")  # the code page every ESC/POS printer has
        except PrinterError:
            raise
        except Exception as error:  # OSError, or escpos's DeviceNotFoundError wrapping one
            if printer is not None:  # else its __del__ closes it, and logs, outside the guard
                _close_quietly(printer)
            raise PrinterError(_unreachable(config, error)) from error
        return printer


def print_slips(
    config: PrinterConfig,
    slips: Sequence[Slip],
    on_printed: Callable[[int], None] | None = None,
) -> None:
    """Print `slips` in order, calling `on_printed(i)` as soon as slip i is confirmed.

    Returns only when every slip's connection closed cleanly; otherwise raises PrinterError and
    the slips after the last confirmed one did not print (or not for sure)."""
    for n, slip in enumerate(slips):
        _print_one(config, slip)
        if on_printed is not None:
            on_printed(n)


def test_print(config: PrinterConfig) -> None:
    """Print a test slip: a ruler as wide as the configured width, accents and a QR code."""
    print_slips(config, [render_test_slip(config.width)])


test_print.__test__ = False  # type: ignore[attr-defined]  # pytest: not a test, despite the name


def _connect(config: PrinterConfig, printers: Any) -> Any:
    if config.kind == "network":
        printer = printers.Network(config.host, port=config.port, timeout=config.timeout)
        printer.open()
        return printer
    if config.kind == "usb":
        if not printers.Usb.is_usable():
            raise PrinterError("USB printing needs the pyusb package: pip install pyusb.")
        printer = printers.Usb(
            config.vendor_id, config.product_id, timeout=int(config.timeout * 1000)
        )
        printer.open()
        return printer
    # escpos's File.open truncates; append so a printer file collects every slip
    printer = printers.File(config.path)
    printer.device = open(config.path, "ab")  # closed by printer.close()
    return printer


def _print_one(config: PrinterConfig, slip: Slip) -> None:
    printer = open_printer(config)
    with quiet_escpos():
        try:
            _write(printer, slip)
            if config.kind == "network":
                _wait_for_printer_to_close(printer.device, config)
        except TimeoutError as error:
            _close_quietly(printer)
            raise PrinterError(
                f"{_cap(config.describe())} stopped taking data for {config.timeout:g} s: "
                "check the paper and the cover, then print again."
            ) from error
        except ConnectionError as error:
            _close_quietly(printer)
            raise PrinterError(
                f"{_cap(config.describe())} dropped the connection in the middle of a slip: "
                "check it, then print again."
            ) from error
        except Exception as error:  # USB and file errors, escpos's own
            _close_quietly(printer)
            raise PrinterError(
                f"{_cap(config.describe())} failed while printing ({error}): check it, then "
                "print again."
            ) from error
        try:
            printer.close()
        except Exception as error:
            raise PrinterError(
                f"{_cap(config.describe())} did not close cleanly ({error}): check that the "
                "slip came out before printing it again."
            ) from error


def _write(printer: Any, slip: Slip) -> None:
    for line in slip.lines:
        printer.textln(printable(line))
    if slip.qr:
        printer.set(align="center")
        printer.qr(slip.qr, native=True, size=4)
        for line in slip.qr_caption:
            printer.textln(printable(line))
        printer.set(align="left")
    printer.cut()


def _wait_for_printer_to_close(sock: socket.socket, config: PrinterConfig) -> None:
    """Half-close and read until the printer closes its side: only then did it take it all.

    A printer that resets raises ConnectionError here, one that stalls TimeoutError."""
    sock.shutdown(socket.SHUT_WR)
    deadline = time.monotonic() + config.timeout
    while sock.recv(256):  # status bytes a printer may send back are of no use here
        if time.monotonic() > deadline:
            raise TimeoutError("the printer kept talking but never closed")


def _close_quietly(printer: Any) -> None:
    try:
        printer.close()
    except Exception:  # already failing with a clearer message
        pass


def _unreachable(config: PrinterConfig, error: Exception) -> str:
    if config.kind == "network":
        return f"The printer at {config.host}:{config.port} did not answer: is it on?"
    if config.kind == "usb":
        return f"{_cap(config.describe())} was not found: is it plugged in and on?"
    reason = getattr(error, "strerror", None) or str(error)
    return f"Could not open the printer file {config.path} ({reason}): check the path."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
