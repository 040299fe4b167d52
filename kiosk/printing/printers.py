"""Print a ticket on the kiosk's printer and say plainly whether it worked.

A kiosk must never freeze or crash because a printer is off, out of paper or unplugged: every
printer problem comes back as a `PrintResult` with a message in Indonesian and English. Each
ticket is rendered to bytes first and sent in one go over a fresh connection that is always
closed, so a failure cannot leave half a ticket without us knowing and a stale connection
cannot break the next ticket.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial, Usb, Win32Raw

from core.language import Language
from kiosk.printing import realtime_status as rt
from kiosk.printing.escpos_render import paper_profile, render_ticket_job
from kiosk.printing.printer_uri import PrinterConfigError, PrinterTarget, parse_printer_uri
from kiosk.printing.realtime_status import PaperState
from kiosk.printing.ticket_layout import PAPER_80MM, PaperSpec, PrintableTicket

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 3.0  # seconds; python-escpos would wait 60 s, far too long at a kiosk
DEFAULT_STATUS_TIMEOUT = 0.5  # what a printer that never answers DLE EOT costs per ticket
_CHUNK = 4096


class FailureKind(StrEnum):
    """Why a ticket did not (certainly) print; the kiosk picks its reaction by kind."""

    REFUSED = "refused"  # nothing listens at that address: printer off or wrong port
    TIMEOUT = "timeout"  # no answer in time, or the printer stopped taking data
    DISCONNECTED = "disconnected"  # unplugged, unreachable, or the connection dropped
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"  # printer answers but is not ready: cover open, error
    NOT_CONFIGURED = "not_configured"  # `none`, a bad URI, or a missing driver


_MESSAGES: dict[FailureKind | None, tuple[str, str]] = {
    None: ("Tiket sudah dicetak.", "Ticket printed."),
    FailureKind.REFUSED: (
        "Printer menolak sambungan. Pastikan printer menyala.",
        "The printer refused the connection. Make sure it is switched on.",
    ),
    FailureKind.TIMEOUT: (
        "Printer tidak menjawab. Periksa kabel dan daya printer.",
        "The printer did not answer. Check its cable and power.",
    ),
    FailureKind.DISCONNECTED: (
        "Printer tidak terhubung atau sambungan terputus. Periksa kabel printer.",
        "The printer is not connected or the connection dropped. Check its cable.",
    ),
    FailureKind.PAPER_OUT: (
        "Kertas printer habis. Mohon hubungi petugas.",
        "The printer is out of paper. Please ask the staff.",
    ),
    FailureKind.OFFLINE: (
        "Printer belum siap (penutup terbuka atau galat). Mohon hubungi petugas.",
        "The printer is not ready (cover open or error). Please ask the staff.",
    ),
    FailureKind.NOT_CONFIGURED: (
        "Printer belum diatur. Nomor antrean ditampilkan di layar.",
        "No printer is set up. The queue number is shown on screen.",
    ),
}
_MAYBE_PRINTED = (
    " Tiket mungkin tidak lengkap; periksa apakah tiket keluar.",
    " The ticket may be incomplete; check whether it came out.",
)


@dataclass(frozen=True)
class PrintResult:
    """Outcome of one ticket; `detail` is technical, for the log and the supervisor."""

    ok: bool
    kind: FailureKind | None
    message_id: str
    message_en: str
    detail: str = ""
    paper_near_end: bool = False  # printed, but staff should change the roll soon
    may_have_printed: bool = False  # failed after data left: part of a ticket may be out

    def message(self, language: Language) -> str:
        return self.message_id if language == "id" else self.message_en


def _result(
    kind: FailureKind | None, detail: str, *, near_end: bool = False, maybe: bool = False
) -> PrintResult:
    message_id, message_en = _MESSAGES[kind]
    if maybe:
        message_id, message_en = message_id + _MAYBE_PRINTED[0], message_en + _MAYBE_PRINTED[1]
    return PrintResult(kind is None, kind, message_id, message_en, detail, near_end, maybe)


@dataclass(frozen=True)
class PrinterStatus:
    """Printer readiness as far as it can be known; None/UNKNOWN when the printer is silent."""

    online: bool | None
    paper: PaperState
    failure: FailureKind | None = None  # set when the printer could not be reached at all
    detail: str = ""


def _exception_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def classify_error(exc: BaseException) -> FailureKind:
    """Map socket, USB, serial and spooler errors to a failure kind.

    python-escpos wraps connection errors in DeviceNotFoundError, so the cause is looked for
    along the exception chain. Driver packages are not imported here, hence the name check.
    """
    for error in _exception_chain(exc):
        if isinstance(error, PrinterConfigError | PermissionError | socket.gaierror):
            return FailureKind.NOT_CONFIGURED
        if isinstance(error, ConnectionRefusedError):
            return FailureKind.REFUSED
        if isinstance(error, TimeoutError) or "timeout" in type(error).__name__.lower():
            return FailureKind.TIMEOUT
    return FailureKind.DISCONNECTED


class LpRawQueue(Escpos):
    """A CUPS raw queue: collects the job and hands it to `lp -d QUEUE -o raw` on close().

    CUPS spools the job, so success means "queued", and a printer that is off is only
    noticed by CUPS itself. Dropping the object without close() discards the job.
    """

    def __init__(self, queue: str, timeout: float, *args: object, **kwargs: object) -> None:
        Escpos.__init__(self, *args, **kwargs)
        self.queue = queue
        self.timeout = timeout
        self._job: list[bytes] = []

    def open(self) -> None:
        if shutil.which("lp") is None:
            raise PrinterConfigError(
                f"printer URI 'cups://{self.queue}': the lp command is missing "
                "(install the CUPS client, e.g. the Debian package cups-client)"
            )

    def _raw(self, msg: bytes) -> None:
        self._job.append(msg)

    def close(self) -> None:
        job, self._job = b"".join(self._job), []
        if not job:
            return
        done = subprocess.run(
            ["lp", "-d", self.queue, "-o", "raw", "-t", "antre-ticket"],
            input=job,
            capture_output=True,
            timeout=max(self.timeout, 5.0),
            env={**os.environ, "LC_ALL": "C"},  # English errors, so they can be recognised
            check=False,
        )
        if done.returncode != 0:
            error = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
            if "not exist" in error:
                raise PrinterConfigError(f"CUPS queue {self.queue!r}: {error}")
            raise ConnectionError(f"lp failed for queue {self.queue!r}: {error}")
        log.info("ticket queued on CUPS %s: %s", self.queue, done.stdout.decode().strip())

    def __del__(self) -> None:
        self._job = []


class _Network(Network):
    """python-escpos' Network, connecting with socket.create_connection.

    That closes the socket when connecting fails (python-escpos 3.1 leaves it to the garbage
    collector, with a ResourceWarning) and also reaches printers with IPv6 addresses.
    """

    _device: socket.socket | Literal[False] | None  # as python-escpos has it (untyped for mypy)

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        try:
            connection = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            self._device = None
            raise DeviceNotFoundError(
                f"could not connect to {self.host}:{self.port}: {exc}"
            ) from exc
        self._device = connection


def _require(driver: type[Escpos], package: str, target: PrinterTarget) -> None:
    if not driver.is_usable():
        raise PrinterConfigError(
            f"printer URI {target.uri!r}: {target.scheme} printing needs the Python package "
            f"{package}, which is not installed"
        )


def open_printer(
    uri: str | PrinterTarget, paper: PaperSpec = PAPER_80MM, *, timeout: float = DEFAULT_TIMEOUT
) -> Escpos:
    """A new, opened python-escpos printer for the URI. The caller must close() it.

    Raises PrinterConfigError for a bad URI, `none` or a missing driver package, and the
    driver's own errors (usually DeviceNotFoundError) when the printer cannot be opened.
    """
    target = parse_printer_uri(uri) if isinstance(uri, str) else uri
    profile = paper_profile(paper)
    printer: Escpos
    match target.scheme:
        case "tcp":
            printer = _Network(target.host, target.port, timeout=timeout, profile=profile)
        case "usb":
            _require(Usb, "pyusb", target)
            endpoints = {k: v for k, v in (("in_ep", target.in_ep), ("out_ep", target.out_ep)) if v}
            printer = Usb(target.vendor_id, target.product_id, timeout=int(timeout * 1000),
                          profile=profile, **endpoints)  # fmt: skip
        case "serial":
            _require(Serial, "pyserial", target)
            printer = Serial(target.device, baudrate=target.baud, timeout=timeout, profile=profile)
        case "file":
            # Opening a missing /dev node for writing would create a plain file there.
            if target.device.startswith("/dev/") and not os.path.exists(target.device):
                raise DeviceNotFoundError(f"{target.device} does not exist (printer unplugged?)")
            printer = File(target.device, auto_flush=False, profile=profile)
        case "win32raw":
            _require(Win32Raw, "pywin32", target)
            printer = Win32Raw(target.queue, profile=profile)
        case "cups":
            printer = LpRawQueue(target.queue, timeout, profile=profile)
        case _:
            raise PrinterConfigError(f"printer URI {target.uri!r}: no printer is configured")
    printer.open()
    device = getattr(printer, "device", None) if target.scheme == "serial" else None
    if device is not None:
        device.write_timeout = timeout  # pyserial would otherwise block on a dead line forever
    return printer


def _close_quietly(printer: Escpos) -> None:
    try:
        printer.close()
    except Exception:  # the failure being reported matters more than a second one
        log.debug("error while closing printer after a failure", exc_info=True)


def _send_stream(sock: socket.socket, job: bytes, timeout: float) -> None:
    """Like sendall, but timeout is per stall: a slow printer reading steadily is no failure."""
    sock.settimeout(timeout)
    view = memoryview(job)
    while view:
        view = view[sock.send(view[:_CHUNK]) :]


def _await_close(sock: socket.socket, timeout: float) -> None:
    """Half-close and wait for the printer to close too: proof it read the whole job."""
    sock.shutdown(socket.SHUT_WR)
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the printer did not close the connection after the job")
        sock.settimeout(remaining)
        if not sock.recv(256):  # status bytes may still arrive; EOF is what counts
            return


def _send_tcp(
    target: PrinterTarget, job: bytes, timeout: float, status_timeout: float
) -> PrintResult:
    try:
        printer = open_printer(target, timeout=timeout)
    except Exception as exc:
        return _failure(target, exc, sent=False)
    sock: socket.socket = printer.device
    sent = False
    try:
        before = rt.query_status(sock, status_timeout)
        if before.paper is PaperState.OUT:
            return _report_failure(
                target, FailureKind.PAPER_OUT, "no paper; nothing sent", maybe=False
            )
        if before.online is False:
            return _report_failure(
                target, FailureKind.OFFLINE, "printer offline; nothing sent", maybe=False
            )
        sent = True
        _send_stream(sock, job, timeout)
        if before.answered:
            # The answer can only come after the printer has read everything sent before it.
            after = rt.decode_paper(rt.ask(sock, rt.QUERY_PAPER, timeout))
            if after is PaperState.OUT:
                return _report_failure(target, FailureKind.PAPER_OUT, "paper ran out", maybe=True)
            if after is not PaperState.UNKNOWN:
                return _printed(target, job, near_end=after is PaperState.NEAR_END)
        _await_close(sock, timeout)
        return _printed(target, job, near_end=before.paper is PaperState.NEAR_END)
    except Exception as exc:
        return _failure(target, exc, sent=sent)
    finally:
        _close_quietly(printer)


def _send_escpos(target: PrinterTarget, job: bytes, timeout: float) -> PrintResult:
    try:
        printer = open_printer(target, timeout=timeout)
    except Exception as exc:
        return _failure(target, exc, sent=False)
    try:
        printer._raw(job)
        printer.close()  # for CUPS and Windows this submits the job: its errors count
    except Exception as exc:
        _close_quietly(printer)
        return _failure(target, exc, sent=True)
    return _printed(target, job)


def _printed(target: PrinterTarget, job: bytes, *, near_end: bool = False) -> PrintResult:
    log.info("ticket printed on %s (%d bytes)%s", target.uri, len(job),
             "; paper near end" if near_end else "")  # fmt: skip
    return _result(None, f"{target.uri}: {len(job)} bytes sent", near_end=near_end)


def _failure(target: PrinterTarget, exc: BaseException, *, sent: bool) -> PrintResult:
    kind = classify_error(exc)
    detail = f"{type(exc).__name__}: {exc}".strip()
    return _report_failure(
        target, kind, detail, maybe=sent and kind is not FailureKind.NOT_CONFIGURED
    )


def _report_failure(
    target: PrinterTarget, kind: FailureKind, detail: str, *, maybe: bool
) -> PrintResult:
    log.warning("ticket not printed on %s: %s (%s)", target.uri, kind, detail)
    return _result(kind, f"{target.uri}: {detail}", maybe=maybe)


def send_job(
    uri: str | PrinterTarget,
    job: bytes,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    status_timeout: float = DEFAULT_STATUS_TIMEOUT,
) -> PrintResult:
    """Send rendered ESC/POS bytes over a fresh connection; never raises for printer trouble."""
    try:
        target = parse_printer_uri(uri) if isinstance(uri, str) else uri
    except PrinterConfigError as exc:
        log.warning("ticket not printed: %s", exc)
        return _result(FailureKind.NOT_CONFIGURED, str(exc))
    if target.scheme == "none":
        return _result(FailureKind.NOT_CONFIGURED, "printer URI is 'none': on-screen ticket only")
    if target.scheme == "tcp":
        return _send_tcp(target, job, timeout, status_timeout)
    return _send_escpos(target, job, timeout)


def print_ticket(
    uri: str | PrinterTarget,
    ticket: PrintableTicket,
    paper: PaperSpec,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    status_timeout: float = DEFAULT_STATUS_TIMEOUT,
    native_qr: bool = True,
) -> PrintResult:
    """Lay out, render and print one ticket; never raises for printer trouble.

    native_qr=False sends the QR code as an image, for printers without `GS ( k`.
    """
    job = render_ticket_job(ticket, paper, native_qr=native_qr)
    return send_job(uri, job, timeout=timeout, status_timeout=status_timeout)


def printer_status(
    uri: str | PrinterTarget,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    status_timeout: float = DEFAULT_STATUS_TIMEOUT,
) -> PrinterStatus:
    """Ask a TCP printer whether it is online and has paper; other kinds report unknown.

    A printer that does not answer real-time status queries is 'unknown', not an error.
    """
    try:
        target = parse_printer_uri(uri) if isinstance(uri, str) else uri
    except PrinterConfigError as exc:
        return PrinterStatus(None, PaperState.UNKNOWN, FailureKind.NOT_CONFIGURED, str(exc))
    if target.scheme == "none":
        return PrinterStatus(None, PaperState.UNKNOWN, FailureKind.NOT_CONFIGURED, "no printer")
    if target.scheme != "tcp":
        return PrinterStatus(None, PaperState.UNKNOWN, None, "status is only asked over tcp://")
    try:
        printer = open_printer(target, timeout=timeout)
    except Exception as exc:
        return PrinterStatus(False, PaperState.UNKNOWN, classify_error(exc), str(exc))
    try:
        answer = rt.query_status(printer.device, status_timeout)
    except OSError as exc:
        return PrinterStatus(False, PaperState.UNKNOWN, classify_error(exc), str(exc))
    finally:
        _close_quietly(printer)
    detail = "printer answered" if answer.answered else "printer does not answer status queries"
    return PrinterStatus(answer.online, answer.paper, None, detail)
