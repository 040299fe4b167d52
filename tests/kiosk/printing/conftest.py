"""Fixtures for ticket printing: sample tickets and a real TCP "printer" on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import struct
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageDraw

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.printing.ticket_layout import PrintableTicket

WIB = ZoneInfo("Asia/Jakarta")
ONLINE = 0x12  # DLE EOT 1 answer: online, nothing wrong
PAPER_OK = 0x12
PAPER_NEAR_END = 0x1E
PAPER_OUT = 0x72


def make_ticket(**changes: object) -> PrintableTicket:
    fields: dict[str, object] = {
        "hall_name": "Mal Pelayanan Publik Kabupaten Lampung Timur",
        "logo_path": None,
        "number": "A012",
        "service_name": "Perekaman KTP-el",
        "agency_name": "Dinas Kependudukan dan Pencatatan Sipil",
        "issued_at": datetime(2026, 11, 22, 10, 15, tzinfo=WIB),
        "zone_label": "WIB",
        "people_ahead": 12,
        "estimated_wait_minutes": 25,
        "priority_label": "PRIORITAS – Lansia",
        "qr_payload": "https://antre.example.id/s/A012-7f3k",
        "footer_lines": (
            "Mohon menunggu nomor Anda dipanggil",
            "Layanan gratis. Tolak pungutan liar.",
            "Berlaku hari ini",
        ),
        "language": "id",
    }
    fields.update(changes)
    return PrintableTicket(**fields)  # type: ignore[arg-type]


@pytest.fixture
def ticket() -> PrintableTicket:
    return make_ticket()


@pytest.fixture
def logo_path(tmp_path: Path) -> Path:
    """A 300 x 300 logo with transparency, larger than any ticket allows."""
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 290, 290), fill=(20, 80, 160, 255))
    draw.rectangle((120, 60, 180, 240), fill=(255, 255, 255, 255))
    path = tmp_path / "logo.png"
    image.save(path)
    return path


class FakePrinter:
    """A TCP server thread standing in for a network printer on port 9100.

    mode:
      "read"        read until the client closes, then close (a printer that never answers status)
      "answer"      like "read", and answer DLE EOT 1 / DLE EOT 4 with online / paper
      "stall"       accept but never read or answer (a jammed printer)
      "drop"        read drop_after bytes, then reset the connection (cable pulled, power cut)
    """

    def __init__(
        self,
        mode: str = "read",
        *,
        online: int = ONLINE,
        paper: int = PAPER_OK,
        drop_after: int = 64,
    ) -> None:
        self.mode, self.online, self.paper, self.drop_after = mode, online, paper, drop_after
        self.received = bytearray()
        self.answers: list[int] = []
        self.connections = 0
        self.finished = threading.Event()  # set each time a connection has been handled
        self._stop = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if mode == "stall":
            # A tiny receive window so a large job cannot hide in kernel buffers.
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(4)
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.uri = f"tcp://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn:
                self._handle(conn)
            self.finished.set()

    def wait_finished(self, timeout: float = 5.0) -> None:
        assert self.finished.wait(timeout), "the fake printer never finished the connection"
        self.finished.clear()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        if self.mode == "stall":
            self._stop.wait()
            return
        scanned = 0
        while not self._stop.is_set():
            try:
                want = 4096 if self.mode != "drop" else self.drop_after - len(self.received)
                chunk = conn.recv(want)
            except TimeoutError:
                continue
            except OSError:
                return
            if not chunk:
                return  # client finished: close, like a printer does
            self.received += chunk
            if self.mode == "answer":
                scanned = self._answer_queries(conn, scanned)
            if self.mode == "drop" and len(self.received) >= self.drop_after:
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return

    def _answer_queries(self, conn: socket.socket, scanned: int) -> int:
        while (at := self.received.find(b"\x10\x04", scanned)) != -1 and at + 2 < len(
            self.received
        ):
            n = self.received[at + 2]
            answer = {1: self.online, 4: self.paper}.get(n)
            if answer is not None:
                try:
                    conn.sendall(bytes([answer]))
                except OSError:  # the client gave up waiting for the answer and hung up
                    return len(self.received)
                self.answers.append(n)
            scanned = at + 3
        return max(scanned, len(self.received) - 2)

    def job_bytes(self) -> bytes:
        """What was received, without the status queries the client sent around the job."""
        data = bytes(self.received)
        for query in (b"\x10\x04\x01", b"\x10\x04\x04"):
            if data.startswith(query):
                data = data[len(query) :]
            if data.endswith(query):
                data = data[: -len(query)]
        return data

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()


@pytest.fixture
def fake_printer() -> Iterator[type[FakePrinter]]:
    """Factory: fake_printer(mode, ...) starts a server; all are stopped after the test."""
    started: list[FakePrinter] = []

    def start(*args: object, **kwargs: object) -> FakePrinter:
        server = FakePrinter(*args, **kwargs)  # type: ignore[arg-type]
        started.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in started:
        server.stop()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
