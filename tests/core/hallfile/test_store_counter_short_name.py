"""A loket's short name: set in the hall file, stored, given to the board, exported again."""

from __future__ import annotations

import tomllib

import pytest

from core.db.database import Database
from core.errors import ConfigError
from core.hall import HallService
from core.hallfile import store
from tests.conftest import SMALL_HALL

LONG = "Loket Pelayanan Terpadu Satu Pintu Nomor 3 (Prioritas Lansia)"


def _hall_text(short_name: str) -> str:
    text = SMALL_HALL.read_text(encoding="utf-8")
    old = 'number = 3\nname = "Loket 3"\n'
    assert old in text
    return text.replace(old, f'number = 3\nname = "{LONG}"\nshort_name = "{short_name}"\n')


def test_the_short_name_reaches_the_board_and_the_export(db: Database, tmp_path) -> None:
    store.import_spec(db, store.parse(_hall_text("Lansia 3")))
    hall = HallService.open(db, "uji")

    counters = {view.number: view for view in hall.snapshot().counters}
    assert (counters[3].name, counters[3].short_name) == (LONG, "Lansia 3")
    assert counters[1].short_name == ""

    exported = tmp_path / "export.toml"
    store.export_file(db, "uji", exported)
    data = tomllib.loads(exported.read_text(encoding="utf-8"))
    by_number = {c["number"]: c for c in data["counters"]}
    assert by_number[3]["short_name"] == "Lansia 3"
    assert "short_name" not in by_number[1]  # no key for a loket without one
    store.import_spec(db, store.load(exported))
    assert {v.number: v.short_name for v in hall.snapshot().counters}[3] == "Lansia 3"

    store.import_spec(db, store.parse(SMALL_HALL.read_text(encoding="utf-8")))  # removed again
    assert {v.number: v.short_name for v in hall.snapshot().counters}[3] == ""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_short_name_too_long_for_the_board_is_refused(lang: str) -> None:
    with pytest.raises(ConfigError) as error:
        store.parse(_hall_text("Pelayanan Terpadu Lansia 3"), "hall.toml")
    message = error.value.message(lang)
    assert "counters[2].short_name" in message, message
    assert "24" in message and "26" in message, message
    assert ("nama pendek loket" if lang == "id" else "short name") in message
