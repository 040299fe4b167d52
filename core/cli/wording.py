"""The command line's own words in Bahasa Indonesia: its help, and argparse's usage errors.

Help texts are written in English in core.cli.main and said here in Indonesian, the
default; ANTRE_LANG=en keeps the English. argparse words its errors in English: the
common ones are matched here and said again in Indonesian, with the names and values
they carry; any other stays as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from core.messages import language

_ID: dict[str, str] = {
    # argparse's own words
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    # the parser and its verbs
    "Antre: the queue of a public-service hall": "Antre: antrean Mal Pelayanan Publik",
    "print JSON": "cetak sebagai JSON",
    "print the result as JSON": "cetak hasilnya sebagai JSON",
    "database URL (default: SQLite in the user data folder)": (
        "URL basis data (bawaan: SQLite di folder data pengguna)"
    ),
    "hall code, when the database holds several": "kode gedung, bila basis data memuat beberapa",
    "database schema": "skema basis data",
    "hall configuration": "konfigurasi gedung",
    "hall TOML file (import, export, validate)": "berkas TOML gedung (import, export, validate)",
    "officer accounts": "akun petugas",
    "full name": "nama lengkap",
    "username": "nama pengguna",
    "add an account (asks for its password)": "tambah akun (kata sandinya ditanyakan)",
    "every account: role, active, locked": "semua akun: peran, aktif, terkunci",
    "the officer can no longer log in": "nonaktifkan: petugas tidak bisa masuk lagi",
    "the officer may log in again": "aktifkan: petugas boleh masuk lagi",
    "lift a lockout after wrong passwords": "buka kunci akun setelah kata sandi salah",
    "change the role of an account": "ubah peran akun",
    "the new role": "peran baru",
    "set a new password (asks for it twice)": "atur kata sandi baru (ditanyakan dua kali)",
    "role of the account": "peran akun",
    "take a ticket": "ambil nomor antrean",
    "service code": "kode layanan",
    "priority lane": "jalur prioritas",
    "kiosk name, for the record": "nama kios, untuk catatan",
    "makes a retried request apply once": "permintaan yang diulang hanya berlaku sekali",
    "call the next ticket (or --ticket NUMBER) at a counter": (
        "panggil antrean berikutnya (atau --ticket NOMOR) di loket"
    ),
    "counter number": "nomor loket",
    "call this waiting ticket instead of the next": (
        "panggil nomor yang menunggu ini, bukan yang berikutnya"
    ),
    "call the current ticket again": "panggil ulang nomor yang sedang dilayani",
    "start serving": "mulai melayani",
    "finish the current ticket": "selesaikan nomor yang sedang dilayani",
    "the citizen did not come": "warga tidak hadir",
    "set the current ticket aside": "tunda nomor yang sedang dilayani",
    "call a parked ticket back": "panggil kembali nomor yang ditunda",
    "ticket number": "nomor antrean",
    "send the current ticket to another service": "alihkan nomor ini ke layanan lain",
    "service to send it to": "layanan tujuan",
    "to the front of that queue": "ke depan antrean itu",
    "note for the next officer": "catatan untuk petugas berikutnya",
    "open, pause or close a counter": "buka, istirahatkan atau tutup loket",
    "waiting per service and counters": "antrean per layanan dan loket",
    "the event feed": "aliran kejadian",
    "events after this id": "kejadian setelah id ini",
    "keep printing new events (Ctrl+C stops)": "terus cetak kejadian baru (Ctrl+C berhenti)",
    "expire what is still waiting today": "akhiri antrean yang masih menunggu hari ini",
}

# argparse's usage errors (Python 3.11–3.13), and how they are said in Indonesian.
_ERRORS_ID: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), indonesian)
    for pattern, indonesian in (
        (
            r"^the following arguments are required: (?P<names>.*)$",
            "argumen berikut wajib diisi: {names}",
        ),
        (r"^unrecognized arguments: (?P<names>.*)$", "argumen tidak dikenal: {names}"),
        (
            r"^argument (?P<arg>.+?): invalid choice: (?P<value>.+) "
            r"\(choose from (?P<choices>.*)\)$",
            "{arg}: {value} tidak ada dalam pilihan ({choices})",
        ),
        (
            r"^argument (?P<arg>.+?): invalid int value: (?P<value>.+)$",
            "{arg}: {value} bukan bilangan bulat",
        ),
        (
            r"^argument (?P<arg>.+?): expected one argument$",
            "{arg}: perlu satu nilai",
        ),
        (
            r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$",
            "pilihan {option} ambigu: bisa berarti {matches}",
        ),
    )
)


def tr(text: str) -> str:
    """``text`` in the reader's language (English as written, else Indonesian)."""
    if language() == "en":
        return text
    return _ID.get(text, text)


def usage_error(message: str) -> str:
    """One of argparse's usage errors, in the reader's language."""
    if language() == "en":
        return message
    for pattern, indonesian in _ERRORS_ID:
        found = pattern.match(message)
        if found:
            return indonesian.format(**found.groupdict())
    return message


class Formatter(argparse.HelpFormatter):
    """argparse's help layout, with its "usage:" in the reader's language."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, tr("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse, speaking the reader's language, and exiting 2 on bad usage.

    Every Antre program's parser (``antre`` and its verbs, ``antre-display``, …): errors are
    said as ``PROGRAM: message``, ``-h`` and the section titles in the reader's language.
    """

    def __init__(self, add_help: bool = True, **kwargs: Any) -> None:
        super().__init__(add_help=False, formatter_class=Formatter, **kwargs)
        self._positionals.title = tr("positional arguments")
        self._optionals.title = tr("options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", help=tr("show this help message and exit")
            )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog.split()[0]}: {usage_error(message)}", file=sys.stderr)
        raise SystemExit(2)
