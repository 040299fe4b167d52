"""A realistic sample ticket, for demos, test prints and the documentation screenshots.

python -m kiosk.printing.sample_ticket docs/screenshots          # PNG previews
python -m kiosk.printing.sample_ticket --print tcp://10.0.0.9    # one ticket on paper
"""

from __future__ import annotations

import argparse
import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from core.language import as_language
from kiosk.printing.png_render import save_png
from kiosk.printing.printers import print_ticket
from kiosk.printing.ticket_layout import PAPER_58MM, PAPER_80MM, PAPERS, PrintableTicket

log = logging.getLogger(__name__)


def sample_ticket(language: str = "id") -> PrintableTicket:
    """A priority ticket at an MPP in Lampung, with every optional part filled in."""
    return PrintableTicket(
        hall_name="Mal Pelayanan Publik Kabupaten Lampung Timur",
        logo_path=None,
        number="A012",
        service_name="Perekaman KTP-el",
        agency_name="Dinas Kependudukan dan Pencatatan Sipil",
        issued_at=datetime(2026, 11, 22, 10, 15, tzinfo=ZoneInfo("Asia/Jakarta")),
        zone_label="WIB",
        people_ahead=12,
        estimated_wait_minutes=25,
        priority_label="PRIORITAS – Lansia" if language == "id" else "PRIORITY – Elderly",
        qr_payload="https://antre.example.id/s/A012-7f3k",
        footer_lines=(
            "Mohon menunggu nomor Anda dipanggil",
            "Layanan gratis. Tolak pungutan liar.",
            "Berlaku hari ini",
        ),
        language=as_language(language),
        counters=(1, 2),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="write ticket-58mm.png etc. here")
    parser.add_argument("--print", dest="uri", help="print one sample ticket on this printer")
    parser.add_argument("--paper", choices=sorted(PAPERS), default=PAPER_80MM.name)
    parser.add_argument("--language", choices=("id", "en"), default="id")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    ticket = sample_ticket(args.language)
    if args.folder:
        for paper in (PAPER_58MM, PAPER_80MM):
            save_png(ticket, paper, args.folder / f"ticket-{paper.name}.png")
    if args.uri:
        result = print_ticket(args.uri, ticket, PAPERS[args.paper])
        print(result.message_en, result.detail)
        return 0 if result.ok else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
