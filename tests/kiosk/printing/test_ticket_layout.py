from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import datetime

import pytest

from kiosk.printing import ticket_layout as tl
from kiosk.printing.ticket_layout import PAPER_58MM, PAPER_80MM, PAPER_80MM_42COL, PAPERS
from tests.kiosk.printing.conftest import WIB, make_ticket

ALL_PAPERS = list(PAPERS.values())


def texts(elements: list[tl.LayoutElement]) -> list[str]:
    return [e.text.strip() for e in elements if isinstance(e, tl.TextLine)]


def test_paper_specs_match_the_printers() -> None:
    assert (PAPER_58MM.dots, PAPER_58MM.columns) == (384, 32)
    assert (PAPER_80MM.dots, PAPER_80MM.columns) == (576, 48)
    assert (PAPER_80MM_42COL.dots, PAPER_80MM_42COL.columns) == (512, 42)
    assert {p.cell_width for p in ALL_PAPERS} == {12}  # font A is 12 x 24 dots everywhere


def test_indonesian_ticket_reads_top_to_bottom() -> None:
    elements = tl.layout_ticket(make_ticket(), PAPER_80MM)
    assert texts(elements) == [
        "Mal Pelayanan Publik Kabupaten Lampung Timur",
        "-" * 48,
        "NOMOR ANTREAN",
        "A012",
        "PRIORITAS - Lansia",
        "Perekaman KTP-el",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "-" * 48,
        "Minggu, 22 November 2026 10:15 WIB",
        "Antrean sebelum Anda: 12",
        "Perkiraan waktu tunggu: ± 25 menit",
        "Mohon menunggu nomor Anda dipanggil",
        "Layanan gratis. Tolak pungutan liar.",
        "Berlaku hari ini",
    ]
    qr = [e for e in elements if isinstance(e, tl.Qr)]
    assert [q.payload for q in qr] == ["https://antre.example.id/s/A012-7f3k"]
    assert isinstance(elements[-1], tl.Cut)


def test_english_ticket_uses_english_words() -> None:
    ticket = make_ticket(language="en", estimated_wait_minutes=7, people_ahead=0)
    lines = texts(tl.layout_ticket(ticket, PAPER_80MM))
    assert "QUEUE NUMBER" in lines
    assert "Sunday, 22 November 2026 10:15 WIB" in lines
    assert "People ahead of you: 0" in lines
    assert "Estimated wait: about 7 min" in lines
    assert not any("menit" in line or "Antrean" in line for line in lines)


@pytest.mark.parametrize(
    ("when", "language", "expected"),
    [
        (datetime(2026, 11, 22, 10, 15, tzinfo=WIB), "id", "Minggu, 22 November 2026 10:15 WIB"),
        (datetime(2026, 11, 23, 8, 5, tzinfo=WIB), "id", "Senin, 23 November 2026 08:05 WIB"),
        (datetime(2025, 8, 1, 13, 0, tzinfo=WIB), "id", "Jumat, 1 Agustus 2025 13:00 WIB"),
        (datetime(2025, 3, 19, 9, 30, tzinfo=WIB), "id", "Rabu, 19 Maret 2025 09:30 WIB"),
        (datetime(2025, 3, 19, 9, 30, tzinfo=WIB), "en", "Wednesday, 19 March 2025 09:30 WIB"),
    ],
)
def test_date_is_written_out_without_locale(when: datetime, language: str, expected: str) -> None:
    assert tl.format_issued_at(make_ticket(issued_at=when, language=language)) == expected


def test_date_line_splits_before_the_time_on_narrow_paper() -> None:
    lines = texts(tl.layout_ticket(make_ticket(), PAPER_58MM))
    at = lines.index("Minggu, 22 November 2026")
    assert lines[at + 1] == "10:15 WIB"


def test_wait_line_is_omitted_when_unknown_and_short_when_zero() -> None:
    assert not any(
        "tunggu" in t
        for t in texts(tl.layout_ticket(make_ticket(estimated_wait_minutes=None), PAPER_80MM))
    )
    lines = texts(tl.layout_ticket(make_ticket(estimated_wait_minutes=0), PAPER_80MM))
    assert "Perkiraan waktu tunggu: kurang dari 1 menit" in lines


def test_optional_parts_are_left_out() -> None:
    ticket = make_ticket(
        priority_label=None, qr_payload=None, footer_lines=(), estimated_wait_minutes=None
    )
    elements = tl.layout_ticket(ticket, PAPER_58MM)
    assert not any(isinstance(e, tl.Qr) for e in elements)
    assert not any(isinstance(e, tl.TextLine) and e.invert for e in elements)
    assert texts(elements)[-1] == "Antrean sebelum Anda: 12"


def test_logo_comes_first_and_fits_the_paper(logo_path) -> None:
    elements = tl.layout_ticket(make_ticket(logo_path=logo_path), PAPER_58MM)
    assert isinstance(elements[0], tl.Image)
    assert elements[0].path == logo_path
    assert elements[0].max_width <= PAPER_58MM.dots


@pytest.mark.parametrize("paper", ALL_PAPERS, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "hall",
    [
        "Mal Pelayanan Publik Kabupaten Lampung Timur",
        "Pusat Pelayanan Publik dan Perizinan Provinsi Lampung (P4) – Gedung Pelayanan Terpadu",
        "MPP",
    ],
)
def test_no_line_is_wider_than_the_paper(paper: tl.PaperSpec, hall: str) -> None:
    ticket = make_ticket(
        hall_name=hall,
        service_name="Penerbitan Surat Keterangan Catatan Kepolisian (SKCK) baru dan perpanjangan",
        agency_name="Kepolisian Resor Lampung Timur – Satuan Intelijen dan Keamanan",
        estimated_wait_minutes=125,
        people_ahead=1234,
        footer_lines=("Simpan tiket ini sampai layanan Anda selesai…",),
    )
    for element in tl.layout_ticket(ticket, paper):
        if isinstance(element, tl.TextLine):
            assert len(element.text) * element.width <= paper.columns, element


@pytest.mark.parametrize("paper", ALL_PAPERS, ids=lambda p: p.name)
def test_hall_name_wraps_between_words(paper: tl.PaperSpec) -> None:
    hall = (
        "Pusat Pelayanan Publik dan Perizinan Provinsi Lampung Gedung Pelayanan Terpadu Satu Atap"
    )
    elements = tl.layout_ticket(make_ticket(hall_name=hall), paper)
    hall_lines = [e.text for e in elements if isinstance(e, tl.TextLine) and e.height == 2][:-1]
    assert len(hall_lines) >= 2
    assert " ".join(hall_lines).split() == hall.split()  # every word whole, in order


def test_balanced_wrap_leaves_no_lone_last_word() -> None:
    assert tl.wrap_balanced("Mal Pelayanan Publik Kabupaten Lampung Timur", 42) == [
        "Mal Pelayanan Publik",
        "Kabupaten Lampung Timur",
    ]


def test_a_word_longer_than_the_line_is_the_only_thing_broken() -> None:
    assert tl.wrap_words("Kantor " + "X" * 40 + " Pusat", 32) == [
        "Kantor",
        "X" * 32,
        "X" * 8 + " Pusat",
    ]


@pytest.mark.parametrize(
    ("paper", "number", "size"),
    [
        (PAPER_58MM, "A012", 7),
        (PAPER_80MM, "A012", 8),
        (PAPER_80MM_42COL, "A012", 8),
        (PAPER_58MM, "PR-0123", 4),
        (PAPER_80MM, "PR-0123", 6),
    ],
)
def test_number_gets_the_largest_size_that_fits(paper, number, size) -> None:
    lines = [
        e for e in tl.layout_ticket(make_ticket(number=number), paper) if isinstance(e, tl.TextLine)
    ]
    big = lines[[line.text for line in lines].index("NOMOR ANTREAN") + 1]
    assert (big.text, big.width, big.height) == (number, size, size)
    assert len(number) * (size + 1) > paper.columns - 2 or size == tl.MAX_SIZE


def test_qr_is_about_half_the_paper_wide() -> None:
    for paper in ALL_PAPERS:
        (qr,) = [e for e in tl.layout_ticket(make_ticket(), paper) if isinstance(e, tl.Qr)]
        assert 2 <= qr.module_size <= 8
        # 33 modules: version 4 at level M for this payload.
        assert paper.dots * 0.3 <= 33 * qr.module_size <= paper.dots * 0.6


def test_ticket_rejects_impossible_values() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_ticket(issued_at=datetime(2026, 11, 22, 10, 15))
    with pytest.raises(ValueError, match="language"):
        make_ticket(language="jv")
    with pytest.raises(ValueError, match="negative"):
        make_ticket(people_ahead=-1)
    with pytest.raises(ValueError, match="empty"):
        make_ticket(number=" ")


def test_ticket_is_frozen_and_footer_is_a_tuple() -> None:
    ticket = make_ticket(footer_lines=["Berlaku hari ini"])
    assert ticket.footer_lines == ("Berlaku hari ini",)
    with pytest.raises(FrozenInstanceError):
        ticket.number = "B001"  # type: ignore[misc]
