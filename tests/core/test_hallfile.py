"""Hall files: the sample hall, round trips, and bad files refused with clear messages."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from sqlalchemy import func, select

from core.db import models as m
from core.errors import ConfigError
from core.hallfile import store
from tests.conftest import SAMPLE_HALL, SMALL_HALL


def test_sample_hall_is_mpp_lampung_timur() -> None:
    spec = store.load(SAMPLE_HALL)
    services = [s for a in spec.agencies for s in a.services]
    assert (len(spec.agencies), len(services), len(spec.counters)) == (16, 56, 15)
    assert spec.timezone == "Asia/Jakarta"
    assert [c.number for c in spec.counters] == list(range(1, 16))
    served = {code for c in spec.counters for code, rank in c.services.items() if rank == 1}
    assert {s.code for s in services} <= served
    prefixes: dict[str, set[str]] = {}
    for agency in spec.agencies:
        for service in agency.services:
            prefixes.setdefault(service.prefix, set()).add(agency.code)
    assert all(len(owners) == 1 for owners in prefixes.values())  # no two agencies share a stream


def normalise(data: dict) -> dict:
    """Meaning, not formatting: defaults filled in by validation, order of keys ignored."""
    spec = store.parse(tomli_w.dumps(data))
    return spec.__dict__ | {
        "agencies": [
            a.__dict__ | {"services": [s.__dict__ for s in a.services]} for a in spec.agencies
        ],
        "counters": [c.__dict__ for c in spec.counters],
    }


@pytest.mark.parametrize("source", [SAMPLE_HALL, SMALL_HALL])
def test_export_round_trip_keeps_the_meaning(db, source, tmp_path) -> None:  # noqa: ANN001
    spec = store.load(source)
    store.import_spec(db, spec)
    exported = tmp_path / "export.toml"
    store.export_file(db, spec.code, exported)
    original = tomllib.loads(source.read_text(encoding="utf-8"))
    again = tomllib.loads(exported.read_text(encoding="utf-8"))
    assert normalise(again) == normalise(original)
    # and importing the export changes nothing
    store.import_spec(db, store.load(exported))
    assert normalise(store.export_data(db, spec.code)) == normalise(original)


def test_reimport_updates_and_deactivates(db) -> None:  # noqa: ANN001
    store.import_spec(db, store.load(SMALL_HALL))
    text = SMALL_HALL.read_text(encoding="utf-8")
    trimmed = text.replace('name = "Perpanjangan SIM"', 'name = "Perpanjangan SIM A dan C"')
    # drop counter 3 and service SKCK's rank-2 helper
    trimmed = trimmed[: trimmed.index("[[counters]]\nnumber = 3")]
    trimmed = trimmed.replace(
        'services = { "KK" = 1, "SKCK" = 2 }', 'services = { "KK" = 1, "SKCK" = 1, "SIM" = 1 }'
    )
    summary = store.import_spec(db, store.parse(trimmed))
    assert (summary.created, summary.counters, summary.deactivated) == (False, 2, 1)
    data = store.export_data(db, "uji")
    assert [c["number"] for c in data["counters"]] == [1, 2]
    assert data["agencies"][1]["services"][1]["name"] == "Perpanjangan SIM A dan C"


BAD_CASES = [
    (
        'prefix = "A"',
        'prefix = "a1"',
        "agencies[0].services[0].prefix",
        "one or two capital letters",
    ),
    ('timezone = "Asia/Jakarta"', 'timezone = "Asia/Lampung"', "hall.timezone", "not a time zone"),
    (
        'schedule = "reguler"\ndaily_quota = 70',
        'schedule = "malam"\ndaily_quota = 70',
        "agencies[0].services[0].schedule",
        'no schedule "malam"',
    ),
    (
        'services = { "KTP" = 1, "KK" = 1 }',
        'services = { "KTP" = 1, "KTPX" = 1 }',
        "counters[0].services.KTPX",
        'no service with code "KTPX"',
    ),
    (
        "daily_quota = 70",
        "daily_quota = -5",
        "agencies[0].services[0].daily_quota",
        "between 1 and",
    ),
    (
        "daily_quota = 70",
        'daily_quota = "banyak"',
        "agencies[0].services[0].daily_quota",
        "expected a whole number",
    ),
    ('color = "#1565C0"', 'color = "biru"', "agencies[0].color", "#RRGGBB"),
    ('code = "KK"', 'code = "KTP"', "agencies[0].services[1].code", "already used"),
    ("number = 2", "number = 1", "counters[1].number", "already defined"),
    (
        'running_text = "Selamat datang"',
        'running_text = "Selamat datang"\nmarquee = "x"',
        "settings.marquee",
        "unknown key",
    ),
    ('mon = { open = "08:00"', 'mon = { open = "8 pagi"', "schedules.reguler.mon.open", "HH:MM"),
    (
        'ticket_qr_template = "https://mpp.example/antrean/{hall}/{date}/{number}"',
        'ticket_qr_template = "https://x/{nomor}"',
        "settings.ticket_qr_template",
        "unknown placeholder {nomor}",
    ),
]


@pytest.mark.parametrize(("old", "new", "where", "problem"), BAD_CASES)
def test_bad_hall_file_names_key_line_and_problem(
    old: str, new: str, where: str, problem: str
) -> None:
    text = SMALL_HALL.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    with pytest.raises(ConfigError) as error:
        store.parse(bad, "hall.toml")
    message = error.value.message("en")
    assert where in message and problem in message, message
    pairs = zip(text.splitlines(), bad.splitlines(), strict=False)
    line = next(n for n, (was, now) in enumerate(pairs, 1) if was != now)
    assert f"line {line}:" in message, message


def test_syntax_error_gives_the_line() -> None:
    with pytest.raises(ConfigError) as error:
        store.parse('format = 1\n[hall\nname = "x"\n', "broken.toml")
    assert "line 2" in error.value.message("en")


def test_all_problems_are_reported_at_once() -> None:
    text = (
        SMALL_HALL.read_text()
        .replace('prefix = "S"', 'prefix = "s"')
        .replace("number = 3", "number = 0")
    )
    with pytest.raises(ConfigError) as error:
        store.parse(text)
    message = error.value.message("en")
    assert "agencies[1].services[0].prefix" in message and "counters[2].number" in message


def test_invalid_file_writes_nothing(db, tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.toml"
    bad.write_text(SMALL_HALL.read_text().replace('prefix = "M"', 'prefix = "MMM"'))
    with pytest.raises(ConfigError):
        store.import_spec(db, store.load(bad))
    with db.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(m.Hall)).scalar() == 0


def test_unreadable_file(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ConfigError) as error:
        store.load(tmp_path / "missing.toml")
    assert "missing.toml" in error.value.message("id")
