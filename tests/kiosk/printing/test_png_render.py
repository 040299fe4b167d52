from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PIL import Image

from kiosk.printing import png_render
from kiosk.printing.ticket_layout import PAPER_58MM, PAPER_80MM, PAPERS, PaperSpec
from tests.kiosk.printing.conftest import make_ticket


def dark_rows(image: Image.Image) -> list[int]:
    """Number of dark pixels in each row."""
    pixels = image.convert("L").load()
    return [sum(1 for x in range(image.width) if pixels[x, y] < 128) for y in range(image.height)]


@pytest.mark.parametrize("paper", list(PAPERS.values()), ids=lambda p: p.name)
def test_preview_is_paper_wide_and_not_blank(paper: PaperSpec) -> None:
    image = png_render.render_png(make_ticket(), paper)
    assert image.width == paper.dots
    assert 800 < image.height < 2000
    rows = dark_rows(image)
    assert sum(rows) > image.width * image.height * 0.05  # real ink, not an empty page
    assert rows[0] == 0 and rows[-1] == 0  # paper margin at both ends


def test_number_is_the_biggest_thing_on_the_ticket() -> None:
    """Rows of the number band are far wider in ink than any text row."""
    image = png_render.render_png(make_ticket(qr_payload=None), PAPER_58MM)
    pixels = image.load()
    widest = 0
    for y in range(image.height):
        xs = [x for x in range(image.width) if pixels[x, y] < 128]
        if xs:
            widest = max(widest, xs[-1] - xs[0])
    # 4 characters at 7x: 336 dots of cells; the glyphs span nearly all of it.
    assert widest > 300


def test_qr_code_is_drawn() -> None:
    with_qr = png_render.render_png(make_ticket(), PAPER_80MM)
    without = png_render.render_png(make_ticket(qr_payload=None), PAPER_80MM)
    assert with_qr.height - without.height > 200


def test_logo_is_drawn(logo_path: Path) -> None:
    with_logo = png_render.render_png(make_ticket(logo_path=logo_path), PAPER_80MM)
    plain = png_render.render_png(make_ticket(), PAPER_80MM)
    assert with_logo.height - plain.height >= PAPER_80MM.cell_height * 4


def test_save_png_writes_a_png(tmp_path: Path) -> None:
    path = png_render.save_png(make_ticket(), PAPER_58MM, tmp_path / "out" / "ticket.png")
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.width == PAPER_58MM.dots


def test_without_truetype_fonts_the_preview_still_renders(monkeypatch, caplog) -> None:
    monkeypatch.setattr(png_render, "_FONT_FILES", {False: ("no-such.ttf",), True: ("no.ttf",)})
    monkeypatch.setattr(png_render, "_FONT_DIRS", ())
    png_render.ticket_font.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            image = png_render.render_png(make_ticket(), PAPER_80MM)
    finally:
        png_render.ticket_font.cache_clear()
    assert "default font" in caplog.text
    assert image.width == PAPER_80MM.dots
    assert sum(dark_rows(image)) > 0
