"""The window programs' command lines: help in Bahasa Indonesia by default, English with
ANTRE_LANG=en, as ``antre``'s (core.cli.wording words argparse itself and its errors).

No Qt here: ``--help`` and a usage error are answered before any window or screen exists.
Help texts are written in English where the parsers are made and said here in Indonesian.
"""

from __future__ import annotations

from core.cli import wording
from core.messages import language

_ID: dict[str, str] = {
    # shared
    "database URL (default: device settings / ANTRE_DB)": (
        "URL basis data (bawaan: pengaturan perangkat / ANTRE_DB)"
    ),
    "hall code, when the database holds several": "kode gedung, bila basis data memuat beberapa",
    "a window instead of full screen": "jendela biasa, bukan layar penuh",
    # antre-display
    "Antre: the hall screen (board, chime and speech)": (
        "Antre: layar gedung (papan antrean, bel dan suara panggilan)"
    ),
    "show only the counters of this zone (repeat for several)": (
        "tampilkan hanya loket di zona ini (ulangi untuk beberapa zona)"
    ),
    "folder of images and videos to play in a loop": (
        "folder gambar dan video yang diputar bergilir"
    ),
    "a logo for this screen instead of the hall's (PNG, JPG or SVG)": (
        "logo untuk layar ini, pengganti logo gedung (PNG, JPG atau SVG)"
    ),
    "language of the board": "bahasa papan antrean",
    "speech (default), chime only, or off": "suara (bawaan), bel saja, atau mati",
    "window size, e.g. 1920x1080 (with --windowed)": (
        "ukuran jendela, mis. 1920x1080 (dengan --windowed)"
    ),
    "which monitor to fill (0, 1, …)": "monitor yang dipakai (0, 1, …)",
    # antre-kiosk
    "Antre: the ticket kiosk (touch screen)": "Antre: kios nomor antrean (layar sentuh)",
    "a normal window (setup and development), not kiosk mode": (
        "jendela biasa (penyiapan dan pengembangan), bukan mode kios"
    ),
    "window size WxH with --windowed, e.g. 1366x768": (
        "ukuran jendela LxT dengan --windowed, mis. 1366x768"
    ),
    "keep the mouse pointer visible": "penunjuk tetikus tetap terlihat",
    "start, wait for the home screen, print start-up figures as JSON, exit": (
        "mulai, tunggu layar awal, cetak angka start-up sebagai JSON, lalu keluar"
    ),
    # antre-counter
    "Antre: the officer's workstation": "Antre: meja kerja petugas loket",
    "counter number of this PC": "nomor loket komputer ini",
    "language of the screens": "bahasa tampilan",
    # the demo
    "Antre: the whole hall on one PC": "Antre: seluruh gedung di satu komputer",
    "which windows (comma-separated)": "jendela yang dibuka (dipisah koma)",
    "--windows: choose from {choices} (not {wrong})": (
        "--windows: pilih dari {choices} (bukan {wrong})"
    ),
    "hall file (TOML)": "berkas gedung (TOML)",
    "a PostgreSQL URL instead of a fresh SQLite demo database": (
        "URL PostgreSQL, pengganti basis data demo SQLite yang baru"
    ),
    "folder for the SQLite demo database": "folder untuk basis data demo SQLite",
    "no simulated citizens and officers": "tanpa warga dan petugas simulasi",
    "simulated minutes per real minute": "menit simulasi per menit nyata",
    "citizens per simulated hour": "warga per jam simulasi",
    "quit after this many real seconds": "keluar setelah sekian detik nyata",
    "save side-by-side screenshots here": "simpan tangkapan layar berdampingan di sini",
    "seconds between screenshots": "detik antar tangkapan layar",
    "language of the windows": "bahasa jendela",
}


def say(text: str) -> str:
    """A help text of the window programs in the reader's language."""
    if language() == "en":
        return text
    return _ID.get(text) or wording.tr(text)


def parser(prog: str, description: str) -> wording.Parser:
    """A parser for ``prog`` whose own words and errors are in the reader's language."""
    return wording.Parser(prog=prog, description=say(description))
