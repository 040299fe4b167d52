from __future__ import annotations

import os
import socket
import stat
import sys
import time
from pathlib import Path

import pytest
from escpos.exceptions import DeviceNotFoundError

from kiosk.printing import printers
from kiosk.printing.escpos_render import render_ticket_job
from kiosk.printing.printer_uri import PrinterConfigError
from kiosk.printing.printers import FailureKind, PaperState, print_ticket, printer_status, send_job
from kiosk.printing.ticket_layout import PAPER_58MM, PAPER_80MM
from tests.kiosk.printing.conftest import ONLINE, PAPER_NEAR_END, PAPER_OK, PAPER_OUT, make_ticket
from tests.kiosk.printing.escpos_stream import decode

FAST = {"timeout": 0.5, "status_timeout": 0.2}
QUERY_PRINTER, QUERY_PAPER = b"\x10\x04\x01", b"\x10\x04\x04"


def test_ticket_reaches_a_printer_that_never_answers_status(fake_printer) -> None:
    server = fake_printer("read")
    result = print_ticket(server.uri, make_ticket(), PAPER_58MM, **FAST)
    server.wait_finished()
    assert result.ok and result.kind is None
    assert result.message("id") == "Tiket sudah dicetak."
    assert bytes(server.received) == QUERY_PRINTER + render_ticket_job(make_ticket(), PAPER_58MM)
    decoded = decode(bytes(server.received))
    assert decoded.status_queries == [1]
    assert "A012" in [line.text for line in decoded.lines]
    assert decoded.qr_payloads == [b"https://antre.example.id/s/A012-7f3k"]
    assert decoded.cuts and decoded.names()[-1] == "cut"


def test_ticket_is_confirmed_by_a_printer_that_answers_status(fake_printer) -> None:
    server = fake_printer("answer", paper=PAPER_OK)
    result = print_ticket(server.uri, make_ticket(language="en"), PAPER_80MM, **FAST)
    server.wait_finished()
    assert result.ok and not result.paper_near_end and not result.may_have_printed
    assert server.answers == [1, 4, 4]  # before the job, and once after it as receipt
    assert server.job_bytes() == render_ticket_job(make_ticket(language="en"), PAPER_80MM)
    decoded = decode(bytes(server.received))
    assert decoded.status_queries == [1, 4, 4]
    texts = decoded.text()
    assert "QUEUE NUMBER" in texts and "People ahead of you: 12" in texts
    big = [line for line in decoded.lines if line.text == "A012"]
    assert [(line.width, line.height) for line in big] == [(8, 8)]


def test_paper_near_end_prints_and_warns(fake_printer) -> None:
    server = fake_printer("answer", paper=PAPER_NEAR_END)
    result = print_ticket(server.uri, make_ticket(), PAPER_58MM, **FAST)
    assert result.ok and result.paper_near_end


def test_paper_out_prints_nothing(fake_printer) -> None:
    server = fake_printer("answer", paper=PAPER_OUT)
    result = print_ticket(server.uri, make_ticket(), PAPER_58MM, **FAST)
    server.wait_finished()
    assert not result.ok
    assert result.kind is FailureKind.PAPER_OUT
    assert not result.may_have_printed
    assert result.message("id") == "Kertas printer habis. Mohon hubungi petugas."
    assert bytes(server.received) == QUERY_PRINTER + QUERY_PAPER  # the questions, no ticket


def test_offline_printer_prints_nothing(fake_printer) -> None:
    server = fake_printer("answer", online=ONLINE | 0x08)
    result = print_ticket(server.uri, make_ticket(), PAPER_58MM, **FAST)
    server.wait_finished()
    assert result.kind is FailureKind.OFFLINE
    assert bytes(server.received) == QUERY_PRINTER + QUERY_PAPER


def test_garbage_status_answers_are_not_read_as_paper_out(fake_printer) -> None:
    server = fake_printer("answer", online=0xFF, paper=0xFF)
    result = print_ticket(server.uri, make_ticket(), PAPER_58MM, **FAST)
    server.wait_finished()
    assert result.ok
    assert b"A012" in server.received


def test_connection_refused(closed_port: int) -> None:
    result = print_ticket(f"tcp://127.0.0.1:{closed_port}", make_ticket(), PAPER_58MM, **FAST)
    assert not result.ok
    assert result.kind is FailureKind.REFUSED
    assert not result.may_have_printed
    assert "menolak" in result.message_id and "refused" in result.message_en
    assert str(closed_port) in result.detail


def test_printer_that_stops_reading_times_out(fake_printer) -> None:
    server = fake_printer("stall")
    started = time.monotonic()
    result = print_ticket(server.uri, make_ticket(), PAPER_58MM, **FAST)
    assert time.monotonic() - started < 3
    assert result.kind is FailureKind.TIMEOUT
    assert result.may_have_printed  # bytes left us: the citizen must check the paper
    assert "periksa apakah tiket keluar" in result.message_id


def test_large_job_to_a_stalled_printer_times_out_while_sending(fake_printer) -> None:
    server = fake_printer("stall")
    started = time.monotonic()
    result = send_job(server.uri, b"\x00" * 16_000_000, **FAST)
    assert time.monotonic() - started < 3
    assert result.kind is FailureKind.TIMEOUT
    assert "TimeoutError" in result.detail


@pytest.mark.skipif(
    sys.platform != "linux", reason="relies on Linux dropping SYNs at a full backlog"
)
def test_connect_timeout() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        for _ in range(3):  # fill the accept queue; later SYNs are dropped
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.1)  # the handshakes settle; nothing tells when the queue is full
        started = time.monotonic()
        result = print_ticket(f"tcp://127.0.0.1:{port}", make_ticket(), PAPER_58MM, **FAST)
        elapsed = time.monotonic() - started
        for filler in fillers:
            filler.close()
    assert result.kind is FailureKind.TIMEOUT
    assert not result.may_have_printed
    assert elapsed < 2


def test_printer_that_drops_the_connection_mid_job(fake_printer) -> None:
    server = fake_printer("drop", drop_after=64)
    result = print_ticket(server.uri, make_ticket(), PAPER_58MM, **FAST)
    assert not result.ok
    assert result.kind is FailureKind.DISCONNECTED
    assert result.may_have_printed


def test_each_ticket_gets_a_fresh_connection(fake_printer, closed_port: int) -> None:
    server = fake_printer("read")
    assert not print_ticket(f"tcp://127.0.0.1:{closed_port}", make_ticket(), PAPER_58MM, **FAST).ok
    for number in ("A013", "A014"):
        assert print_ticket(server.uri, make_ticket(number=number), PAPER_58MM, **FAST).ok
        server.wait_finished()
    assert server.connections == 2
    assert b"A013" in server.received and b"A014" in server.received


def test_file_printer_gets_the_whole_job(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    result = print_ticket(f"file://{device}", make_ticket(), PAPER_80MM, **FAST)
    assert result.ok
    assert device.read_bytes() == render_ticket_job(make_ticket(), PAPER_80MM)


def test_missing_device_file_is_not_created() -> None:
    result = print_ticket("file:///dev/usb/antre-test-lp9", make_ticket(), PAPER_80MM, **FAST)
    assert result.kind is FailureKind.DISCONNECTED
    assert not result.may_have_printed
    assert not Path("/dev/usb/antre-test-lp9").exists()


def fake_lp(tmp_path: Path, monkeypatch, body: str) -> Path:
    """Put an `lp` script first on PATH; it records its arguments and input in tmp_path."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "lp"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/args"\n'
                      f'cat > "{tmp_path}/job"\n{body}\n')  # fmt: skip
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


def test_cups_queue_gets_the_raw_job_from_lp(tmp_path: Path, monkeypatch) -> None:
    out = fake_lp(tmp_path, monkeypatch, 'echo "request id is TM-T82-7 (1 file(s))"')
    result = print_ticket("cups://TM-T82", make_ticket(), PAPER_80MM, **FAST)
    assert result.ok, result.detail
    assert (out / "args").read_text().split("\n")[:4] == ["-d", "TM-T82", "-o", "raw"]
    assert (out / "job").read_bytes() == render_ticket_job(make_ticket(), PAPER_80MM)


@pytest.mark.parametrize(
    ("stderr", "kind"),
    [
        ("lp: The printer or class does not exist.", FailureKind.NOT_CONFIGURED),
        ("lp: Error - Scheduler Not Running.", FailureKind.DISCONNECTED),
    ],
)
def test_cups_errors_are_reported(tmp_path: Path, monkeypatch, stderr: str, kind) -> None:
    fake_lp(tmp_path, monkeypatch, f'echo "{stderr}" >&2; exit 1')
    result = print_ticket("cups://TM-T82", make_ticket(), PAPER_80MM, **FAST)
    assert result.kind is kind
    assert stderr in result.detail


def test_cups_without_lp_is_not_configured(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = print_ticket("cups://TM-T82", make_ticket(), PAPER_80MM, **FAST)
    assert result.kind is FailureKind.NOT_CONFIGURED
    assert "cups-client" in result.detail


def test_none_means_on_screen_only() -> None:
    result = print_ticket("none", make_ticket(), PAPER_80MM)
    assert result.kind is FailureKind.NOT_CONFIGURED
    assert "layar" in result.message_id and "screen" in result.message_en


def test_bad_uri_does_not_raise_when_printing() -> None:
    result = print_ticket("tcp://printer:http", make_ticket(), PAPER_80MM)
    assert result.kind is FailureKind.NOT_CONFIGURED
    assert "'tcp://printer:http'" in result.detail and "port" in result.detail


def test_open_printer_raises_for_bad_configuration() -> None:
    with pytest.raises(PrinterConfigError, match="no printer is configured"):
        printers.open_printer("none")
    with pytest.raises(PrinterConfigError, match="'ftp://x'"):
        printers.open_printer("ftp://x")


@pytest.mark.parametrize("uri", ["usb://04b8:0202", "serial:///dev/ttyS99?baud=38400"])
def test_a_printer_that_is_not_plugged_in_is_reported_not_raised(uri: str) -> None:
    result = print_ticket(uri, make_ticket(), PAPER_80MM, **FAST)
    assert result.kind is FailureKind.DISCONNECTED
    assert uri in result.detail
    assert "Periksa kabel printer" in result.message("id")


@pytest.mark.parametrize(
    ("paper", "expected"),
    [(PAPER_OK, PaperState.OK), (PAPER_NEAR_END, PaperState.NEAR_END), (PAPER_OUT, PaperState.OUT)],
)
def test_status_of_a_printer_that_answers(fake_printer, paper: int, expected) -> None:
    server = fake_printer("answer", paper=paper)
    status = printer_status(server.uri, **FAST)
    assert (status.online, status.paper, status.failure) == (True, expected, None)
    server.wait_finished()
    assert bytes(server.received) == QUERY_PRINTER + QUERY_PAPER  # asking prints nothing


def test_status_of_a_silent_printer_is_unknown_not_an_error(fake_printer) -> None:
    server = fake_printer("read")
    status = printer_status(server.uri, **FAST)
    assert (status.online, status.paper, status.failure) == (None, PaperState.UNKNOWN, None)


def test_status_of_an_unreachable_printer(closed_port: int) -> None:
    status = printer_status(f"tcp://127.0.0.1:{closed_port}", **FAST)
    assert (status.online, status.paper, status.failure) == (
        False,
        PaperState.UNKNOWN,
        FailureKind.REFUSED,
    )


def test_status_for_other_kinds_is_unknown() -> None:
    assert printer_status("none").failure is FailureKind.NOT_CONFIGURED
    assert printer_status("bad").failure is FailureKind.NOT_CONFIGURED
    usb = printer_status("usb://04b8:0202")
    assert (usb.online, usb.paper, usb.failure) == (None, PaperState.UNKNOWN, None)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (ConnectionRefusedError(), FailureKind.REFUSED),
        (TimeoutError(), FailureKind.TIMEOUT),
        (BrokenPipeError(), FailureKind.DISCONNECTED),
        (PermissionError(), FailureKind.NOT_CONFIGURED),
        (socket.gaierror(), FailureKind.NOT_CONFIGURED),
        (OSError("No route to host"), FailureKind.DISCONNECTED),
    ],
)
def test_wrapped_driver_errors_are_classified_by_cause(error: OSError, kind) -> None:
    """python-escpos raises DeviceNotFoundError; the cause decides the kind."""
    try:
        try:
            raise error
        except OSError:
            raise DeviceNotFoundError("Could not open socket") from None
    except DeviceNotFoundError as wrapped:
        assert printers.classify_error(wrapped) is kind
