"""Draw the ticket as the thermal printer would, for the kiosk screen and for documentation.

One image pixel is one printer dot, and text sits in font A's 12 x 24 dot cells scaled by the
same multipliers the printer uses, so line breaks, the big number and the QR code take the same
room as on paper. A kiosk without a printer (URI `none`) shows this image instead of paper.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import qrcode
import qrcode.constants
from PIL import Image, ImageDraw, ImageFont, ImageOps

from kiosk.printing import ticket_layout as tl

log = logging.getLogger(__name__)

# Monospace first: font A is monospaced. Pillow also searches the system font folders
# (Windows, macOS, XDG) for a bare file name, which keeps this list portable.
_FONT_FILES = {
    False: ("DejaVuSansMono.ttf", "consola.ttf", "Menlo.ttc", "cour.ttf", "DejaVuSans.ttf"),
    True: ("DejaVuSansMono-Bold.ttf", "consolab.ttf", "Menlo.ttc", "courbd.ttf",
           "DejaVuSans-Bold.ttf"),
}  # fmt: skip
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
_RENDER_SIZE = 96  # glyphs are drawn large and scaled down into their cells, for crisp edges
_MARGIN_LINES = 1  # blank lines above and below, like the printer's top margin
_PAPER, _INK = 255, 0
_QR_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


@lru_cache(maxsize=4)
def ticket_font(bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The first monospace TrueType font found, else Pillow's built-in font (with a warning)."""
    for name in _FONT_FILES[bold]:
        for candidate in (name, *(str(d / name) for d in _FONT_DIRS)):
            try:
                return ImageFont.truetype(candidate, _RENDER_SIZE)
            except OSError:
                continue
    log.warning("no TrueType font for the ticket preview found; using Pillow's default font")
    return ImageFont.load_default(_RENDER_SIZE)


def _text_image(line: tl.TextLine, paper: tl.PaperSpec) -> Image.Image:
    """The line drawn into exactly len(text) font-A cells at the line's size multipliers."""
    cell_w, cell_h = paper.cell_width * line.width, paper.cell_height * line.height
    size = (max(1, len(line.text)) * cell_w, cell_h)
    font = ticket_font(line.bold)
    ascent, descent = font.getmetrics() if hasattr(font, "getmetrics") else (_RENDER_SIZE, 0)
    natural_w = max(1, round(font.getlength(line.text)))
    glyphs = Image.new("L", (natural_w, ascent + descent), _PAPER)
    ImageDraw.Draw(glyphs).text((0, 0), line.text, font=font, fill=_INK)
    text = glyphs.resize(size, Image.Resampling.LANCZOS)
    return ImageOps.invert(text) if line.invert else text


def _qr_image(element: tl.Qr) -> Image.Image:
    code = qrcode.QRCode(
        error_correction=_QR_LEVELS[tl.QR_ERROR_CORRECTION],
        box_size=element.module_size,
        border=0,  # like GS ( k: the paper around the code is the quiet zone
    )
    code.add_data(element.payload)
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").get_image().convert("L")


def _logo_image(element: tl.Image) -> Image.Image | None:
    try:
        with Image.open(element.path) as source:
            logo = ImageOps.exif_transpose(source).convert("RGBA")
    except (OSError, ValueError) as exc:
        log.warning("ticket logo %s cannot be read, preview without it: %s", element.path, exc)
        return None
    logo.thumbnail((element.max_width, element.max_height), Image.Resampling.LANCZOS)
    flat = Image.new("RGB", logo.size, "white")
    flat.paste(logo, mask=logo.getchannel("A"))
    return flat.convert("1").convert("L")  # dithered, as the thermal head prints it


def _blocks(
    elements: Iterable[tl.LayoutElement], paper: tl.PaperSpec
) -> list[tuple[Image.Image, tl.Align]]:
    """Each element as an image strip plus its alignment, top to bottom."""
    blocks: list[tuple[Image.Image, tl.Align]] = []
    for element in elements:
        match element:
            case tl.TextLine():
                text = _text_image(element, paper)
                # Taller text advances by its own height; normal text by the line pitch.
                row = Image.new("L", (text.width, max(text.height, paper.line_pitch)), _PAPER)
                row.paste(text, (0, 0))
                blocks.append((row, element.align))
            case tl.Qr():
                blocks.append((_qr_image(element), "center"))
            case tl.Image():
                logo = _logo_image(element)
                if logo is not None:
                    blocks.append((logo, "center"))
            case tl.Feed():
                blank = (1, paper.line_pitch * element.lines)
                blocks.append((Image.new("L", blank, _PAPER), "left"))
            case tl.Cut():
                pass  # the image simply ends where the cutter cuts
            case _:
                raise TypeError(f"unknown layout element {element!r}")
    return blocks


def render_elements_png(elements: Iterable[tl.LayoutElement], paper: tl.PaperSpec) -> Image.Image:
    """A greyscale image paper.dots wide showing the elements as printed."""
    blocks = _blocks(elements, paper)
    margin_y = paper.line_pitch * _MARGIN_LINES
    text_area = paper.cell_width * paper.columns
    left = (paper.dots - text_area) // 2
    height = sum(block.height for block, _ in blocks) + 2 * margin_y
    page = Image.new("L", (paper.dots, height), _PAPER)
    y = margin_y
    for block, align in blocks:
        if align == "center":
            x = (paper.dots - block.width) // 2
        elif align == "right":
            x = left + text_area - block.width
        else:
            x = left
        page.paste(block, (max(0, x), y))
        y += block.height
    return page


def render_png(ticket: tl.PrintableTicket, paper: tl.PaperSpec) -> Image.Image:
    """The ticket as it will look on paper of this width."""
    return render_elements_png(tl.layout_ticket(ticket, paper), paper)


def save_png(ticket: tl.PrintableTicket, paper: tl.PaperSpec, path: Path | str) -> Path:
    """Render the ticket and write it as a PNG file; returns the path written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    render_png(ticket, paper).save(target, format="PNG", optimize=True)
    log.info("ticket preview written to %s", target)
    return target
