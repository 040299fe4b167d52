"""Device settings: file, environment overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import load_settings
from core.errors import ConfigError


def test_defaults_put_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.toml", env={"ANTRE_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{(tmp_path / 'antre.db').as_posix()}"
    assert (settings.hall, settings.language, settings.kiosk.printer, settings.counter) == (
        None,
        "id",
        "none",
        None,
    )


def test_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "antre.toml"
    path.write_text(
        'database = "postgresql+psycopg://antre@server/antre"\nhall = "mpp-lampung-timur"\n'
        '[kiosk]\nname = "kiosk-pintu-utama"\nprinter = "tcp://192.168.1.50:9100"\npaper = "58mm"\n'
        '[counter]\nnumber = 4\n[display]\nzones = ["Sayap Barat"]\n'
    )
    settings = load_settings(path, env={})
    assert settings.kiosk.printer == "tcp://192.168.1.50:9100" and settings.kiosk.paper == "58mm"
    assert (settings.counter, settings.zones, settings.source) == (4, ("Sayap Barat",), path)
    overridden = load_settings(
        path, env={"ANTRE_COUNTER": "7", "ANTRE_PRINTER": "none", "ANTRE_ZONES": "A, B"}
    )
    assert (overridden.counter, overridden.kiosk.printer, overridden.zones) == (
        7,
        "none",
        ("A", "B"),
    )


@pytest.mark.parametrize(
    ("content", "env", "problem"),
    [
        ('[kiosk]\npaper = "A4"\n', {}, 'paper "A4"'),
        ('language = "jv"\n', {}, "language"),
        ("database = \n", {}, "antre.toml"),
        ("", {"ANTRE_COUNTER": "empat"}, "ANTRE_COUNTER"),
        ('[counter]\nnumber = "4"\n', {}, "number must be int"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, content: str, env: dict, problem: str) -> None:
    path = tmp_path / "antre.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_settings(path, env=env)
    assert problem in error.value.message("en")
