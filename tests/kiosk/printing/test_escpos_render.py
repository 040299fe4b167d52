from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.printing import escpos_render
from kiosk.printing import ticket_layout as tl
from kiosk.printing.ticket_layout import PAPER_58MM, PAPER_80MM, PAPERS
from tests.kiosk.printing.conftest import make_ticket
from tests.kiosk.printing.escpos_stream import decode


def test_job_starts_clean_and_selects_cp437() -> None:
    decoded = decode(escpos_render.render_ticket_job(make_ticket(), PAPER_80MM))
    assert decoded.commands[:2] == [("init",), ("codepage", 0)]


def test_job_contains_number_qr_and_cut() -> None:
    decoded = decode(escpos_render.render_ticket_job(make_ticket(), PAPER_58MM))
    (number,) = [line for line in decoded.lines if line.text == "A012"]
    assert (number.width, number.height, number.bold, number.align) == (7, 7, True, 1)
    assert decoded.qr_payloads == [b"https://antre.example.id/s/A012-7f3k"]
    assert decoded.qr_prints == 1
    assert decoded.cuts == [1]  # partial cut, after the feed
    assert decoded.names()[-2:] == ["feed", "cut"]


def test_indonesian_text_arrives_in_cp437() -> None:
    job = escpos_render.render_ticket_job(make_ticket(), PAPER_80MM)
    assert b"\xf1 25 menit" in job  # ± in CP437
    texts = decode(job).text()
    assert "Perkiraan waktu tunggu: ± 25 menit" in texts
    assert "PRIORITAS - Lansia" in texts  # the en dash became a hyphen


def test_priority_mark_is_printed_white_on_black() -> None:
    decoded = decode(escpos_render.render_ticket_job(make_ticket(), PAPER_80MM))
    (mark,) = [line for line in decoded.lines if "PRIORITAS" in line.text]
    assert mark.invert and mark.bold
    after = [line for line in decoded.lines if line.text == "Perekaman KTP-el"]
    assert not after[0].invert


@pytest.mark.parametrize("paper", list(PAPERS.values()), ids=lambda p: p.name)
def test_printed_lines_fit_the_paper(paper: tl.PaperSpec) -> None:
    ticket = make_ticket(
        hall_name="Pusat Pelayanan Publik dan Perizinan Provinsi Lampung – Gedung Utama",
        agency_name="Badan Penyelenggara Jaminan Sosial Ketenagakerjaan Cabang Metro",
    )
    decoded = decode(escpos_render.render_ticket_job(ticket, paper))
    assert len(decoded.lines) > 15
    for line in decoded.lines:
        assert len(line.text) * line.width <= paper.columns, line


def test_qr_as_image_for_printers_without_gs_k() -> None:
    decoded = decode(escpos_render.render_ticket_job(make_ticket(), PAPER_58MM, native_qr=False))
    assert decoded.qr_payloads == []
    assert len(decoded.rasters) == 1
    width, height = decoded.rasters[0]
    assert width == PAPER_58MM.dots  # centred on a full-width raster
    assert 100 < height < 300


def test_logo_is_scaled_and_printed_as_raster(logo_path: Path) -> None:
    job = escpos_render.render_ticket_job(make_ticket(logo_path=logo_path), PAPER_80MM)
    decoded = decode(job)
    assert decoded.rasters == [(PAPER_80MM.dots, PAPER_80MM.cell_height * 4)]
    assert decoded.names().index("raster") < decoded.names().index("lf")  # logo first


def test_missing_logo_prints_without_it(tmp_path: Path, caplog) -> None:
    missing = tmp_path / "nowhere.png"
    with caplog.at_level(logging.WARNING):
        decoded = decode(
            escpos_render.render_ticket_job(make_ticket(logo_path=missing), PAPER_80MM)
        )
    assert decoded.rasters == []
    assert "A012" in decoded.text()
    assert "nowhere.png" in caplog.text
