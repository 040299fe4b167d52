"""Hall files: the sample hall, round trips, and bad files refused with clear messages."""

from __future__ import annotations

import tomllib
from datetime import datetime, time
from pathlib import Path

import pytest
import tomli_w
from sqlalchemy import func, select

from core.db import models as m
from core.errors import ConfigError
from core.hall import HallService
from core.hallfile import store
from core.logo import MAX_BYTES
from core.views import HallLogo
from tests.conftest import SAMPLE_HALL, SMALL_HALL, draw_logo, with_logo


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
def test_export_round_trip_keeps_the_meaning(db, source, tmp_path) -> None:
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


def test_reimport_updates_and_deactivates(db) -> None:
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


def test_invalid_file_writes_nothing(db, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(SMALL_HALL.read_text().replace('prefix = "M"', 'prefix = "MMM"'))
    with pytest.raises(ConfigError):
        store.import_spec(db, store.load(bad))
    with db.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(m.Hall)).scalar() == 0


def test_unreadable_file(tmp_path) -> None:
    with pytest.raises(ConfigError) as error:
        store.load(tmp_path / "missing.toml")
    assert "missing.toml" in error.value.message("id")


# --- the hall's logo ---------------------------------------------------------------------


def hall_file_with_logo(folder, kind: str = "png"):
    """tests/data/small-hall.toml in ``folder`` naming a logo beside it: (path, logo bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = "lambang.png" if kind == "png" else "lambang.jpg"
    picture = draw_logo(folder / name, kind).read_bytes()
    path = folder / "uji.toml"
    path.write_text(with_logo(SMALL_HALL.read_text(encoding="utf-8"), name), encoding="utf-8")
    return path, picture


@pytest.mark.parametrize(("kind", "extension"), [("png", "png"), ("jpeg", "jpg")])
def test_logo_is_stored_and_exported_beside_the_file(db, tmp_path, kind, extension) -> None:
    source, picture = hall_file_with_logo(tmp_path / "in", kind)
    spec = store.load(source)
    assert (spec.logo, spec.logo_type) == (picture, kind)
    store.import_spec(db, spec)
    hall = HallService.open(db, "uji")
    assert hall.logo() == HallLogo("uji", picture, kind)
    assert "bytes" in repr(hall.logo())  # a log line never holds the picture itself

    out = tmp_path / "out"
    out.mkdir()
    exported = out / "balai.toml"
    store.export_file(db, "uji", exported)
    written = out / f"balai-logo.{extension}"
    assert written.read_bytes() == picture
    data = tomllib.loads(exported.read_text(encoding="utf-8"))
    assert data["hall"]["logo"] == written.name
    again = store.load(exported)
    assert (again.logo, again.logo_type) == (picture, kind)
    assert normalise_export(again) == normalise_export(spec)


def normalise_export(spec) -> dict:
    return {k: v for k, v in spec.__dict__.items() if k not in ("agencies", "counters")} | {
        "agencies": [a.__dict__ for a in spec.agencies],
        "counters": [c.__dict__ for c in spec.counters],
    }


def test_a_hall_file_without_logo_clears_it(db, tmp_path) -> None:
    source, _picture = hall_file_with_logo(tmp_path)
    store.import_spec(db, store.load(source))
    hall = HallService.open(db, "uji")
    assert hall.logo() is not None
    store.import_spec(db, store.load(SMALL_HALL))
    assert hall.logo() is None
    store.export_file(db, "uji", tmp_path / "export.toml")
    assert "logo" not in tomllib.loads((tmp_path / "export.toml").read_text())["hall"]
    assert not list(tmp_path.glob("export-logo.*"))


def test_the_logo_is_not_loaded_with_the_hall_row(db, tmp_path) -> None:
    """Every issue and call loads the hall row: the picture stays out of it."""
    source, _picture = hall_file_with_logo(tmp_path)
    store.import_spec(db, store.load(source))

    def check(tx) -> None:
        row = tx.session.scalars(select(m.Hall)).one()
        assert "logo" not in row.__dict__ and row.logo_type == "png"

    db.read(check)


def write_bad_logo(folder, case: str) -> str:
    if case == "missing":
        return "tidak-ada.png"
    if case == "not an image":
        (folder / "lambang.png").write_text("bukan gambar", encoding="utf-8")
        return "lambang.png"
    if case == "a GIF":
        (folder / "lambang.gif").write_bytes(b"GIF89a" + bytes(64))
        return "lambang.gif"
    if case == "a folder":
        (folder / "gambar").mkdir()
        return "gambar"
    # too big: a PNG signature, then more bytes than a logo may have
    (folder / "besar.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(MAX_BYTES))
    return "besar.png"


BAD_LOGOS = [  # the problem in English, then in Indonesian
    ("missing", ('no file "tidak-ada.png"', 'berkas "tidak-ada.png" tidak ada')),
    (
        "not an image",
        ('"lambang.png" is not a PNG or JPEG image', '"lambang.png" bukan gambar PNG atau JPEG'),
    ),
    (
        "a GIF",
        ('"lambang.gif" is not a PNG or JPEG image', '"lambang.gif" bukan gambar PNG atau JPEG'),
    ),
    ("a folder", ('no file "gambar"', 'berkas "gambar" tidak ada')),
    (
        "too big",
        (
            '"besar.png" is 513 KB; a logo may be at most 512 KB',
            '"besar.png" berukuran 513 KB; logo paling besar 512 KB',
        ),
    ),
]


@pytest.mark.parametrize(("case", "problem"), BAD_LOGOS, ids=[c[0] for c in BAD_LOGOS])
def test_a_bad_logo_is_refused_with_key_and_line(db, tmp_path, case, problem) -> None:
    good, picture = hall_file_with_logo(tmp_path / "good")
    store.import_spec(db, store.load(good))
    name = write_bad_logo(tmp_path, case)
    text = with_logo(SMALL_HALL.read_text(encoding="utf-8"), name)
    bad = tmp_path / "uji.toml"
    bad.write_text(text.replace('name = "Mal Pelayanan', 'name = "Balai Pelayanan'))
    with pytest.raises(ConfigError) as error:
        store.import_spec(db, store.load(bad))
    line = text.splitlines().index(f'logo = "{name}"') + 1
    english, indonesian = problem
    message = error.value.message("en")
    assert f"line {line}: hall.logo: {english}" in message, message
    message = error.value.message("id")
    assert f"baris {line}: hall.logo: {indonesian}" in message, message
    assert "Berkas gedung" in error.value.message("id")
    # nothing was written: the hall keeps its name and its logo
    hall = HallService.open(db, "uji")
    assert hall.hall.name == "Mal Pelayanan Publik Uji"
    assert hall.logo() == HallLogo("uji", picture, "png")


def test_a_logo_of_exactly_the_limit_is_taken(tmp_path) -> None:
    (tmp_path / "pas.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(MAX_BYTES - 8))
    spec = store.parse(
        with_logo(SMALL_HALL.read_text(encoding="utf-8"), "pas.png"), "uji.toml", tmp_path
    )
    assert spec.logo_type == "png" and spec.logo is not None and len(spec.logo) == MAX_BYTES


def test_an_empty_logo_name_is_a_problem() -> None:
    with pytest.raises(ConfigError) as error:
        store.parse(with_logo(SMALL_HALL.read_text(encoding="utf-8"), " "))
    assert "line 5: hall.logo: must not be empty" in error.value.message("en")


BROKEN_EVERYWHERE = """
format = 2
extra = 1
[hall]
code = "Bad Code"
name = ""
timezone = "Mars/Base"
logo = "nowhere.png"
[settings]
number_reading = "roman"
announcement_template = "{nope}"
ticket_footer = [1]
[schedules.a]
mon = { open = "25:00", close = "10:00" }
tue = { open = "10:00", close = "09:00" }
wed = { open = "08:00", close = "15:00", breaks = [["07:00", "09:00"]] }
funday = { open = "08:00", close = "15:00" }
thu = { open = "08:00" }
fri = { open = "08:00", close = "15:00", breaks = [["12:00", "13:00"], ["12:30", "14:00"]] }
sat = 5
[[holidays]]
date = 2026-12-25
name = "Natal"
[[holidays]]
date = 2026-12-25
name = "Natal lagi"
[[agencies]]
code = "x"
name = true
color = "blue"
[[agencies.services]]
code = "A"
name = "Satu"
prefix = "abc"
schedule = "none"
daily_quota = 0
[[agencies.services]]
code = "A"
name = "Dua"
prefix = "B"
[[agencies.services]]
code = "C"
name = "Tiga"
prefix = "C"
schedule = "a"
hours = { mon = { open = "08:00", close = "15:00" } }
[[counters]]
number = 1
services = { A = 5, Z = 1 }
[[counters]]
number = 1
"""


def test_every_hall_file_problem_is_said_in_indonesian(tmp_path) -> None:
    import tomllib

    from core.hallfile.spec import validate
    from core.phrases import _ID

    spec, problems = validate(tomllib.loads(BROKEN_EVERYWHERE), tmp_path)
    assert spec is None
    templates = {phrase.template for _, phrase in problems.items}
    assert len(templates) >= 20
    assert sorted(templates - set(_ID)) == []


# --- bad input: the schema's limits, wrong types, one message per mistake (issue 11 §5) -----


def problems_of(text: str, lang: str = "en") -> list[str]:
    """The problem lines of a refused hall file (the header line left out)."""
    with pytest.raises(ConfigError) as error:
        store.parse(text, "hall.toml")
    return error.value.message(lang).splitlines()[1:]


def too_long(attribute) -> str:
    """One character more than the column of ``attribute`` holds."""
    from core.db import limits

    length = limits.max_length(attribute)
    assert length is not None
    return "x" * (length + 1)


LONG_VALUES = [
    ('name = "Mal Pelayanan Publik Uji"', "name", m.Hall.name, "hall.name"),
    ('short_name = "MPP Uji"', "short_name", m.Hall.short_name, "hall.short_name"),
    ('short_name = "Disdukcapil"', "short_name", m.Agency.short_name, "agencies[0].short_name"),
    ('color = "#1565C0"', "icon", m.Agency.icon, "agencies[0].icon"),
    ('name = "Perekaman KTP-el"', "name", m.Service.name, "agencies[0].services[0].name"),
    ('name = "Hari Raya Natal"', "name", m.Holiday.name, "holidays[0].name"),
    ('name = "Loket 2"', "name", m.Counter.name, "counters[1].name"),
    ('zone = "Lantai 2"', "zone", m.Counter.zone, "counters[2].zone"),
]


@pytest.mark.parametrize(("anchor", "key", "attribute", "where"), LONG_VALUES)
def test_a_text_longer_than_its_column_is_refused_with_key_and_line(
    anchor: str,
    key: str,
    attribute,
    where: str,
) -> None:
    text = SMALL_HALL.read_text(encoding="utf-8")
    assert anchor in text
    value = too_long(attribute)
    bad = text.replace(anchor, f'{anchor}\n{key} = "{value}"' if key == "icon" else "", 1)
    if key != "icon":
        bad = text.replace(anchor, f'{key} = "{value}"', 1)
    line = next(n for n, row in enumerate(bad.splitlines(), 1) if value in row)
    limit = len(value) - 1
    assert problems_of(bad) == [
        f"  line {line}: {where}: may be at most {limit} characters (has {limit + 1})"
    ]
    just_fits = bad.replace(value, value[:-1])
    store.parse(just_fits)  # the limit itself is taken


def test_a_schedule_name_longer_than_its_column_is_one_problem() -> None:
    name = too_long(m.Service.schedule)
    text = SMALL_HALL.read_text(encoding="utf-8").replace("reguler", name)
    lines = problems_of(text)
    assert len(lines) == 1 and f"schedules.{name}: may be at most" in lines[0]


def small_hall_with(path: tuple, value: object) -> str:
    """The small hall's text with the value at ``path`` (keys and indexes) replaced."""
    data = tomllib.loads(SMALL_HALL.read_text(encoding="utf-8"))
    table = data
    for step in path[:-1]:
        table = table[step]
    table[path[-1]] = value
    return tomli_w.dumps(data)


@pytest.mark.parametrize(
    ("path", "value", "where", "problem"),
    [
        (("agencies",), 5, "agencies", "expected a list, got a whole number"),
        (("agencies", 1, "services"), True, "agencies[1].services", "got true/false"),
        (
            ("holidays", 0, "date"),
            datetime(2026, 12, 25, 8, 0),
            "holidays[0].date",
            "expected a date (YYYY-MM-DD), got a date and time",
        ),
        (("hall",), 5, "hall", "expected a table, got a whole number"),
        (("agencies", 0, "services", 0, "code"), 7, "services[0].code", "expected text"),
        (("counters", 1, "number"), 2**31, "counters[1].number", "between 1 and 999"),
        (("agencies", 0, "services", 0, "daily_quota"), 70.0, "daily_quota", "decimal number"),
        (("agencies", 1, "services", 0, "cutoff_minutes"), time(8), "cutoff", "a time of day"),
        (("counters", 0, "services"), [1], "counters[0].services", "expected a table"),
        (("agencies", 0), "x", "agencies[0]", "expected a table"),
    ],
)
def test_a_value_of_the_wrong_type_is_one_problem(
    path: tuple, value: object, where: str, problem: str
) -> None:
    lines = problems_of(small_hall_with(path, value))
    assert len(lines) == 1 and where in lines[0] and problem in lines[0], lines


def test_a_bad_schedule_is_one_message_not_one_per_service() -> None:
    text = SAMPLE_HALL.read_text(encoding="utf-8")
    one = text.replace('close = "15:00"', 'close = "25:00"', 1)
    line = next(n for n, row in enumerate(one.splitlines(), 1) if '"25:00"' in row)
    assert problems_of(one, "id") == [
        f'  baris {line}: schedules.reguler.mon.close: "25:00" bukan jam HH:MM (00:00–23:59)'
    ]
    three = one.replace(
        'mon = { open = "08:00", close = "15:00", breaks = [] }',
        'mon = { open = "8", close = "15:00", breaks = [] }',
        1,
    ).replace('close = "12:00"', 'close = "99:00"', 1)
    assert len(problems_of(three)) == 3


def test_a_bad_service_code_does_not_also_fail_its_counters() -> None:
    text = SMALL_HALL.read_text(encoding="utf-8").replace('code = "SKCK"', "code = 5", 1)
    assert problems_of(text) == [
        f"  line {text.splitlines().index('code = 5') + 1}: agencies[1].services[0].code: "
        "expected text, got a whole number"
    ]
    # a counter naming a service that no one wrote is still said
    missing = SMALL_HALL.read_text(encoding="utf-8").replace('"SIM" = 1', '"SIMX" = 1')
    assert [line.split(": ", 1)[1] for line in problems_of(missing)] == [
        'counters[2].services.SIMX: no service with code "SIMX"'
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "  baris 2: kesalahan penulisan TOML (kolom 6): nama tabel harus ditutup dengan ']'",
        ),
        (
            "en",
            "  line 2: TOML syntax error (column 6): "
            "Expected ']' at the end of a table declaration",
        ),
    ],
)
def test_a_toml_syntax_error_is_said_in_the_readers_language(lang: str, expected: str) -> None:
    assert problems_of('format = 1\n[hall\nname = "x"\n', lang) == [expected]


def test_every_toml_syntax_error_has_indonesian_words() -> None:
    from core.hallfile.toml_errors import TEMPLATES, TOO_DEEP
    from core.phrases import _ID

    assert sorted({*TEMPLATES, TOO_DEEP} - set(_ID)) == []
    cases = {
        'a = "x': "teks tidak ditutup dengan tanda kutip",
        "a = [1, 2": "daftar tidak ditutup",
        "a = 1\na = 2\n": "tidak boleh ditimpa",
        "a = 1 2\n": "baris baru atau akhir berkas",
        "a = " + "[" * 5000: "bersarang terlalu dalam",
    }
    for source, words in cases.items():
        (line,) = problems_of(source, "id")
        assert words in line and "kesalahan penulisan TOML" in line, line
        assert not any(english in line for english in ("Unterminated", "Unclosed", "Cannot"))


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('short_name = "Polres"', 'short_name = "Pol\u202eser"', "agencies[1].short_name"),
        ('color = "#0D47A1"', 'color = "#0D47A1"\nicon = "polisi\\u0007"', "agencies[1].icon"),
        ('name = "Loket 3"', 'name = "Loket \u20663\u2069"', "counters[2].name"),
        ('running_text = "Selamat datang"', 'running_text = "a\\u0000b"', "running_text"),
        ('name = "Perpanjangan SIM"', 'name = "Perpanjangan\u200bSIM"', "services[1].name"),
        ('name = "Perpanjangan SIM"', 'name = "Perpanjangan\\nSIM"', "services[1].name"),
        ('name = "Hari Raya Natal"', 'name = "Natal\u202a"', "holidays[0].name"),
        ('requirements = ["Kartu Keluarga"]', 'requirements = ["KK\\u001b[2J"]', "requirements"),
    ],
)
def test_control_characters_and_direction_overrides_are_refused(
    old: str, new: str, where: str
) -> None:
    text = SMALL_HALL.read_text(encoding="utf-8")
    assert old in text
    lines = problems_of(text.replace(old, new, 1))
    assert len(lines) == 1 and where in lines[0], lines
    assert "invisible control character (U+" in lines[0]


def test_line_breaks_in_long_texts_and_emoji_joiners_are_kept() -> None:
    text = SMALL_HALL.read_text(encoding="utf-8").replace(
        'fee = "Gratis"', 'fee = "Gratis\\nTanpa biaya"\nprocedure = """Satu\nDua"""', 1
    )
    text = text.replace('color = "#0D47A1"', 'color = "#0D47A1"\nicon = "👮\u200d♀️"', 1)
    spec = store.parse(text)
    assert spec.agencies[0].services[0].fee == "Gratis\nTanpa biaya"
    assert spec.agencies[1].icon == "👮\u200d♀️"


def test_a_device_or_a_pipe_is_refused_at_once(tmp_path) -> None:
    import os

    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    for path in (Path("/dev/zero"), pipe, tmp_path):
        with pytest.raises(ConfigError) as error:
            store.load(path)
        assert error.value.code == "hall_file_not_a_file"
        assert error.value.message("id") == (
            f"{path} bukan berkas biasa: berikan berkas TOML gedung."
        )


def test_a_hall_file_over_the_size_limit_is_refused(tmp_path) -> None:
    text = SMALL_HALL.read_text(encoding="utf-8")
    padded = tmp_path / "big.toml"
    padding = store.MAX_FILE_BYTES - len(text.encode())
    padded.write_text(text + "#" * (padding - 1) + "\n", encoding="utf-8")
    assert padded.stat().st_size == store.MAX_FILE_BYTES
    assert store.load(padded).code == "uji"  # exactly the limit is read
    with padded.open("a", encoding="utf-8") as file:
        file.write("#")
    with pytest.raises(ConfigError) as error:
        store.load(padded)
    assert error.value.message("en") == f"{padded} is too large: a hall file may be at most 2 MB."
