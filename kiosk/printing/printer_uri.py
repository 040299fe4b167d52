"""Where the kiosk's ticket printer is, written as one URI in the hall settings.

    tcp://192.168.1.50:9100          raw TCP (port defaults to 9100)
    usb://04b8:0202                  USB vendor:product id in hex (?in_ep=0x81&out_ep=0x03)
    serial:///dev/ttyS0?baud=38400   serial port (serial://COM3 on Windows; baud defaults to 38400)
    cups://TM-T82                    a raw CUPS queue, printed with `lp -d QUEUE -o raw`
    win32raw://EPSON TM-T82 Receipt  a Windows printer, raw through the spooler
    file:///dev/usb/lp0              a device file
    none                             no printer: the ticket is shown on screen only

Parsing is separate from printing so a typo is reported when settings are loaded, with the URI
and what is wrong, not when the first citizen presses the button.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

log = logging.getLogger(__name__)

Scheme = Literal["tcp", "usb", "serial", "cups", "win32raw", "file", "none"]
SCHEMES: tuple[Scheme, ...] = ("tcp", "usb", "serial", "cups", "win32raw", "file", "none")
DEFAULT_TCP_PORT = 9100
DEFAULT_BAUD = 38400  # Epson's factory setting (DOMAIN.md section 4)
_BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
_USB_ID = re.compile(r"^(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})$")


class PrinterConfigError(ValueError):
    """The printer URI in the settings cannot be used; the message names the URI and the fault."""


@dataclass(frozen=True)
class PrinterTarget:
    """A parsed printer URI. Only the fields of its scheme are set."""

    uri: str
    scheme: Scheme
    host: str = ""
    port: int = DEFAULT_TCP_PORT
    vendor_id: int = 0
    product_id: int = 0
    in_ep: int | None = None
    out_ep: int | None = None
    device: str = ""  # serial port or device file
    baud: int = DEFAULT_BAUD
    queue: str = ""  # CUPS queue or Windows printer name


def _fail(uri: str, problem: str) -> PrinterConfigError:
    return PrinterConfigError(f"printer URI {uri!r}: {problem}")


def _options(uri: str, query: str, allowed: set[str]) -> dict[str, str]:
    """Query parameters as a flat dict; unknown or repeated ones are errors, not ignored."""
    try:
        parsed = parse_qs(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise _fail(uri, f"cannot read the options {query!r}") from None
    for key, values in parsed.items():
        if key not in allowed:
            expected = ", ".join(sorted(allowed)) or "none"
            raise _fail(uri, f"unknown option {key!r} (allowed: {expected})")
        if len(values) != 1:
            raise _fail(uri, f"option {key!r} is given more than once")
    return {key: values[0] for key, values in parsed.items()}


def _parse_tcp(uri: str, rest: str) -> PrinterTarget:
    parts = urlsplit(f"tcp://{rest}")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise _fail(uri, "a TCP printer takes only host and port, like tcp://192.168.1.50:9100")
    try:
        port = parts.port
    except ValueError:
        raise _fail(uri, "the port must be a number from 1 to 65535") from None
    if not parts.hostname:
        raise _fail(uri, "the host is missing, like tcp://192.168.1.50:9100")
    if port == 0:
        raise _fail(uri, "the port must be a number from 1 to 65535")
    return PrinterTarget(uri, "tcp", host=parts.hostname, port=port or DEFAULT_TCP_PORT)


def _endpoint(uri: str, name: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value, 16) if value.lower().startswith("0x") else int(value)
    except ValueError:
        number = -1
    if not 0 < number < 256:
        raise _fail(uri, f"{name} must be a USB endpoint address such as 0x81, not {value!r}")
    return number


def _parse_usb(uri: str, rest: str) -> PrinterTarget:
    ids, _, query = rest.partition("?")
    match = _USB_ID.match(ids)
    if not match:
        raise _fail(uri, "expected the vendor and product id in hex, like usb://04b8:0202")
    vendor, product = int(match[1], 16), int(match[2], 16)
    if not vendor or not product:
        raise _fail(uri, "vendor and product id cannot be 0000")
    opts = _options(uri, query, {"in_ep", "out_ep"})
    return PrinterTarget(
        uri,
        "usb",
        vendor_id=vendor,
        product_id=product,
        in_ep=_endpoint(uri, "in_ep", opts.get("in_ep")),
        out_ep=_endpoint(uri, "out_ep", opts.get("out_ep")),
    )


def _parse_serial(uri: str, rest: str) -> PrinterTarget:
    device, _, query = rest.partition("?")
    device = unquote(device)
    if not device:
        raise _fail(uri, "the serial port is missing, like serial:///dev/ttyS0 or serial://COM3")
    baud_text = _options(uri, query, {"baud"}).get("baud", str(DEFAULT_BAUD))
    if not baud_text.isdigit() or int(baud_text) not in _BAUD_RATES:
        rates = ", ".join(map(str, _BAUD_RATES))
        raise _fail(uri, f"baud must be one of {rates}, not {baud_text!r}")
    return PrinterTarget(uri, "serial", device=device, baud=int(baud_text))


def _parse_named(uri: str, scheme: Scheme, rest: str) -> PrinterTarget:
    name = unquote(rest).strip()
    if scheme == "cups":
        if not name or re.search(r"[\s/#?]", name):
            raise _fail(uri, "expected a CUPS queue name without spaces, like cups://TM-T82")
        return PrinterTarget(uri, "cups", queue=name)
    if scheme == "win32raw":
        if not name:
            raise _fail(uri, "the Windows printer name is missing, like win32raw://EPSON TM-T82")
        return PrinterTarget(uri, "win32raw", queue=name)
    if not name:
        raise _fail(uri, "the device file is missing, like file:///dev/usb/lp0")
    return PrinterTarget(uri, "file", device=name)


def parse_printer_uri(uri: str) -> PrinterTarget:
    """Check a printer URI and split it into its parts; raises PrinterConfigError."""
    text = uri.strip()
    if text.lower() == "none":
        return PrinterTarget(uri, "none")
    if not text:
        raise _fail(uri, "it is empty; write 'none' for a kiosk without a printer")
    scheme_text, sep, rest = text.partition("://")
    scheme = scheme_text.lower()
    if not sep or scheme not in SCHEMES:
        known = ", ".join(f"{s}://" for s in SCHEMES if s != "none")
        raise _fail(uri, f"unknown kind of printer; use one of {known} or 'none'")
    match scheme:
        case "tcp":
            return _parse_tcp(uri, rest)
        case "usb":
            return _parse_usb(uri, rest)
        case "serial":
            return _parse_serial(uri, rest)
        case "cups" | "win32raw" | "file":
            return _parse_named(uri, scheme, rest)
    raise _fail(uri, "'none' takes no address")
