"""Reading ESC/POS bytes back: the text, the QR payloads and the cuts, one slip per cut.

Only the commands gramtui sends are known; anything else fails loudly so a test notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS = 0x1B, 0x1D
_ESC_ONE_ARGUMENT = set(b"tEad!-MGJ")  # ESC t n, ESC E n, ESC a n, ESC d n, ...


@dataclass
class PrintedSlip:
    text: str = ""
    qr: list[str] = field(default_factory=list)
    code_pages: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.rstrip("\n").split("\n")


def decode(data: bytes) -> list[PrintedSlip]:
    """The slips in `data`, each ended by a cut; text is decoded as code page 437."""
    slips: list[PrintedSlip] = []
    current = PrintedSlip()
    text = bytearray()
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == ESC:
            command = data[i + 1]
            if command == ord("@"):
                i += 2
            elif command in _ESC_ONE_ARGUMENT:
                if command == ord("t"):
                    current.code_pages.append(data[i + 2])
                i += 3
            else:
                raise AssertionError(f"unknown command ESC {chr(command)!r} at byte {i}")
        elif byte == GS:
            command = data[i + 1]
            if command == ord("(") and data[i + 2] == ord("k"):
                size = data[i + 3] + 256 * data[i + 4]
                body = data[i + 5 : i + 5 + size]
                cn, fn = body[0], body[1]
                if cn == ord("1") and fn == ord("P"):  # store the QR data: cn fn m data
                    current.qr.append(body[3:].decode("utf-8"))
                i += 5 + size
            elif command == ord("V"):
                i += 4 if data[i + 2] in (65, 66) else 3
                current.text = text.decode("cp437")
                slips.append(current)
                current, text = PrintedSlip(), bytearray()
            else:
                raise AssertionError(f"unknown command GS {chr(command)!r} at byte {i}")
        else:
            text.append(byte)
            i += 1
    if text.strip() or current.qr:
        raise AssertionError("bytes after the last cut: a slip was not cut off")
    return slips
