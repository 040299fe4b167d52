"""A strict little ESC/POS decoder for tests: what would the printer do with these bytes?

It knows only the commands the ticket renderer may send and fails on anything else, so a
test catches stray or malformed bytes, not just missing text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A


@dataclass
class Line:
    """Text printed up to one LF, with the style in force when it was printed."""

    text: str
    width: int
    height: int
    bold: bool
    align: int  # 0 left, 1 center, 2 right
    invert: bool


@dataclass
class Decoded:
    lines: list[Line] = field(default_factory=list)
    commands: list[tuple] = field(default_factory=list)  # ("name", args...) in order
    qr_payloads: list[bytes] = field(default_factory=list)  # GS ( k cn=49 fn=80 store data
    qr_prints: int = 0  # GS ( k cn=49 fn=81
    rasters: list[tuple[int, int]] = field(default_factory=list)  # (width dots, height dots)
    cuts: list[int] = field(default_factory=list)  # GS V modes
    status_queries: list[int] = field(default_factory=list)  # DLE EOT n

    def names(self) -> list[str]:
        return [c[0] for c in self.commands]

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def decode(data: bytes, encoding: str = "cp437") -> Decoded:
    out = Decoded()
    style = {"width": 1, "height": 1, "bold": False, "align": 0, "invert": False}
    text = bytearray()
    i = 0

    def need(n: int) -> bytes:
        if i + n > len(data):
            raise ValueError(f"truncated command at byte {i}: {data[i : i + 8]!r}")
        return data[i : i + n]

    while i < len(data):
        b = data[i]
        if b == LF:
            out.lines.append(Line(text.decode(encoding), **style))  # type: ignore[arg-type]
            text.clear()
            out.commands.append(("lf",))
            i += 1
        elif b == ESC:
            cmd = need(2)[1]
            if cmd == ord("@"):
                out.commands.append(("init",))
                style = {"width": 1, "height": 1, "bold": False, "align": 0, "invert": False}
                i += 2
            elif cmd in b"tEad!":
                n = need(3)[2]
                name = {"t": "codepage", "E": "bold", "a": "align", "d": "feed", "!": "mode"}[
                    chr(cmd)
                ]
                out.commands.append((name, n))
                if name == "bold":
                    style["bold"] = bool(n & 1)
                elif name == "align":
                    style["align"] = n
                elif name == "feed":
                    out.lines.extend(Line("", 1, 1, False, 0, False) for _ in range(n))
                i += 3
            else:
                raise ValueError(f"unknown ESC command {data[i : i + 4]!r} at byte {i}")
        elif b == GS:
            cmd = need(2)[1]
            if cmd == ord("!"):
                n = need(3)[2]
                style["width"], style["height"] = (n >> 4) + 1, (n & 0x0F) + 1
                out.commands.append(("size", style["width"], style["height"]))
                i += 3
            elif cmd == ord("B"):
                style["invert"] = bool(need(3)[2] & 1)
                out.commands.append(("invert", style["invert"]))
                i += 3
            elif cmd == ord("V"):
                mode = need(3)[2]
                out.cuts.append(mode)
                out.commands.append(("cut", mode))
                i += 4 if mode in (65, 66) else 3
            elif cmd == ord("("):
                head = need(5)
                length = head[3] | head[4] << 8
                body = need(5 + length)[5:]
                if head[2] == ord("k"):
                    cn, fn = body[0], body[1]
                    if cn == 49 and fn == 80:
                        out.qr_payloads.append(body[3:])  # after m = '0'
                    elif cn == 49 and fn == 81:
                        out.qr_prints += 1
                    out.commands.append(("2d", cn, fn))
                else:
                    out.commands.append(("gs(", chr(head[2])))
                i += 5 + length
            elif cmd == ord("v"):
                head = need(8)
                width_bytes, height = head[4] | head[5] << 8, head[6] | head[7] << 8
                need(8 + width_bytes * height)
                out.rasters.append((width_bytes * 8, height))
                out.commands.append(("raster", width_bytes * 8, height))
                i += 8 + width_bytes * height
            else:
                raise ValueError(f"unknown GS command {data[i : i + 4]!r} at byte {i}")
        elif b == DLE:
            if need(2)[1] != 0x04:
                raise ValueError(f"unknown DLE command {data[i : i + 3]!r} at byte {i}")
            out.status_queries.append(need(3)[2])
            out.commands.append(("status", data[i + 2]))
            i += 3
        elif b < 0x20 or b == 0x7F:
            raise ValueError(f"unexpected control byte {b:#04x} at byte {i}")
        else:
            text.append(b)
            i += 1
    if text:
        out.lines.append(Line(text.decode(encoding), **style))  # type: ignore[arg-type]
    return out
