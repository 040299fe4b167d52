"""ESC/POS real-time status (DLE EOT n): is the printer online, is there paper.

Printers answer DLE EOT with one byte as soon as it arrives, even while printing or in an error
state, which makes it the one question worth asking before and after sending a ticket. Many
cheap printers never answer; silence means "unknown", never "broken". A byte that does not
have the fixed bits of a status byte is treated as silence too, so line noise or a chatty
printer cannot make us report "out of paper" and stop the kiosk.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger(__name__)

QUERY_PRINTER = b"\x10\x04\x01"  # DLE EOT 1: printer status (bit 3: offline)
QUERY_PAPER = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12  # bits 1 and 4 set, bits 0 and 7 clear
_OFFLINE = 0x08
_NEAR_END = 0x0C  # bits 2-3: roll near-end sensor
_PAPER_END = 0x60  # bits 5-6: roll end sensor


class PaperState(StrEnum):
    """What the paper sensors report."""

    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class StatusAnswer:
    """The two answers; None/UNKNOWN where the printer stayed silent."""

    online: bool | None
    paper: PaperState

    @property
    def answered(self) -> bool:
        return self.online is not None or self.paper is not PaperState.UNKNOWN


def is_status_byte(value: int) -> bool:
    """True if value has the fixed bits every DLE EOT answer carries."""
    return value & _FIXED_MASK == _FIXED_BITS


def decode_online(value: int | None) -> bool | None:
    if value is None or not is_status_byte(value):
        return None
    return not value & _OFFLINE


def decode_paper(value: int | None) -> PaperState:
    if value is None or not is_status_byte(value):
        return PaperState.UNKNOWN
    if value & _PAPER_END:
        return PaperState.OUT
    if value & _NEAR_END:
        return PaperState.NEAR_END
    return PaperState.OK


def ask(sock: socket.socket, query: bytes, timeout: float) -> int | None:
    """Send one real-time query and wait up to timeout for the answer byte.

    Returns None if the printer does not answer in time. Raises ConnectionError if the
    printer closes the connection, since a ticket sent now would go nowhere.
    """
    sock.settimeout(timeout)
    sock.sendall(query)
    try:
        answer = sock.recv(1)
    except TimeoutError:
        return None
    if not answer:
        raise ConnectionResetError("the printer closed the connection during a status query")
    return answer[0]


def query_status(sock: socket.socket, timeout: float) -> StatusAnswer:
    """Ask for printer and paper status; a printer silent to the first is not asked the second."""
    online = decode_online(ask(sock, QUERY_PRINTER, timeout))
    if online is None:
        log.debug("printer does not answer DLE EOT 1; status unknown")
        return StatusAnswer(None, PaperState.UNKNOWN)
    return StatusAnswer(online, decode_paper(ask(sock, QUERY_PAPER, timeout)))
