"""The hall logo's file on each PC: written once, rewritten only when the picture changed."""

from __future__ import annotations

import os
from pathlib import Path

from core import logo
from core.config import data_dir
from core.views import HallLogo
from tests.conftest import draw_logo


def test_kinds_are_told_by_their_first_bytes(tmp_path: Path) -> None:
    assert logo.image_kind(draw_logo(tmp_path / "a.png").read_bytes()) == "png"
    assert logo.image_kind(draw_logo(tmp_path / "a.jpg", "jpeg").read_bytes()) == "jpeg"
    assert logo.image_kind(b"GIF89a....") is None
    assert logo.image_kind(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert logo.image_kind(b"") is None


def test_logo_file_is_written_only_when_the_picture_changed(tmp_path: Path) -> None:
    first = draw_logo(tmp_path / "a.png").read_bytes()
    folder = tmp_path / "logos"
    path = logo.logo_file(HallLogo("uji", first, "png"), folder)
    assert path == folder / "uji.png" and path.read_bytes() == first
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert logo.logo_file(HallLogo("uji", first, "png"), folder) == path
    assert path.stat().st_mtime_ns == 1_000_000_000  # same picture: left alone

    second = draw_logo(tmp_path / "b.png", size=120).read_bytes()
    assert logo.logo_file(HallLogo("uji", second, "png"), folder) == path
    assert path.read_bytes() == second
    jpeg = draw_logo(tmp_path / "c.jpg", "jpeg").read_bytes()
    assert logo.logo_file(HallLogo("uji", jpeg, "jpeg"), folder) == folder / "uji.jpg"
    assert sorted(p.name for p in folder.iterdir()) == ["uji.jpg", "uji.png"]  # no temporaries


def test_logo_file_defaults_to_the_data_folder(tmp_path: Path) -> None:
    data = draw_logo(tmp_path / "a.png").read_bytes()
    path = logo.logo_file(HallLogo("contoh", data, "png"))
    assert path == data_dir() / "logos" / "contoh.png" and path.read_bytes() == data
