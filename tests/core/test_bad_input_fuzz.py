"""Bad input, made up by hypothesis: never exit 70, never a traceback, nothing half-written.

The sample hall file is mutated (values of other types, keys removed, long texts, odd
characters, broken syntax) and imported; random arguments are given to every verb. Both
run in-process through ``core.cli.main.main`` on a real SQLite file and on the real
PostgreSQL server. Every refusal (exit 1 or 2) must leave every table as it was.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import tomllib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import String

from core import clock
from core.cli.main import main
from core.db.models import Base
from core.domain.safe_text import unsafe_character
from tests.conftest import SAMPLE_HALL, copy_template
from tests.core.fingerprint import fingerprint

MONDAY = "2026-11-23T09:30:00+07:00"
SAMPLE = tomllib.loads(SAMPLE_HALL.read_text(encoding="utf-8"))
# Bounded so that the whole module takes well under a minute on a busy machine.
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def hall_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database holding the sample hall, shared by the examples of one engine."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        url = copy_template(template, tmp_path_factory.mktemp("fuzz") / "antre.db")
    else:
        url = request.getfixturevalue("pg_url")
        from tests.conftest import _truncate

        _truncate(url)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ANTRE_NOW", MONDAY)
        env.setenv("ANTRE_LANG", "id")  # each example picks its language
        clock.set_clock(None)
        code, _, err = antre(url, "hall", "import", str(SAMPLE_HALL))
        assert code == 0, err
        assert antre(url, "counter", "open", "1")[0] == 0
        assert antre(url, "issue", "KTP-EL-REKAM")[0] == 0
        assert antre(url, "officer", "add", "petugas", stdin="antre12345\n")[0] == 0
        yield url
    clock.set_clock(None)


def antre(url: str, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """``antre --db URL ARGS`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    handlers = list(logging.getLogger().handlers)
    saved_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", url, *args])
    finally:
        sys.stdin = saved_stdin
        for handler in set(logging.getLogger().handlers) - set(handlers):
            logging.getLogger().removeHandler(handler)  # main sets up logging at each run
            handler.close()
    return code, out.getvalue(), err.getvalue()


def assert_clear_refusal_or_done(url: str, before: Any, result: tuple[int, str, str]) -> None:
    code, out, err = result
    said = out + err
    event(f"exit {code}")
    assert code in (0, 1, 2), said
    assert "Traceback" not in said and "kesalahan tak terduga" not in said, said
    assert "unexpected error" not in said, said
    if code != 0:
        assert err.strip() or out.strip(), "a refusal says why"
        assert fingerprint(url) == before, f"exit {code} changed the database: {said}"


# --- the hall file -------------------------------------------------------------------------


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path in the hall data: tables, lists and their leaves."""
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


PATHS = list(_paths(SAMPLE))
# A depth first, then a path of that depth: the few top-level tables are picked as often
# as the thousand leaves of services.
DEPTHS = sorted({len(path) for path in PATHS})
A_PATH = st.sampled_from(DEPTHS).flatmap(
    lambda depth: st.sampled_from([path for path in PATHS if len(path) == depth])
)
ODD_CHARACTERS = st.characters(exclude_categories=("Cs",)) | st.sampled_from(
    ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\ufeff", "\x00", "\x07", "\x1b", "\n"]
)
LENGTHS = [0, 1, 2, 3, 8, 16, 17, 24, 25, 32, 33, 40, 64, 65, 100, 101, 200, 201, 300, 5000]
ODD_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**20]),
    st.booleans(),
    st.floats(),
    st.text(ODD_CHARACTERS, max_size=40),
    st.sampled_from(LENGTHS).map(lambda n: "x" * n),
    st.sampled_from(LENGTHS).map(lambda n: "A" * n),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.lists(st.integers() | st.text(max_size=5), max_size=3),
    st.dictionaries(
        st.text(ODD_CHARACTERS, max_size=8), st.integers() | st.text(max_size=5), max_size=3
    ),
)


def _mutate(data: Any, path: tuple[Any, ...], how: str, value: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "append" and isinstance(parent[last], list):
        parent[last].append(value)
    else:
        parent[last] = value


MUTATION = st.tuples(
    A_PATH, st.sampled_from(["replace", "replace", "delete", "append"]), ODD_VALUES
)


BREAKAGE = st.none() | st.tuples(
    st.floats(0, 1), st.text(ODD_CHARACTERS | st.sampled_from("[]{}=\"'#,"), max_size=6)
)


def hall_text(mutations: list[tuple[Any, ...]], breakage: tuple[float, str] | None) -> str:
    """The sample hall with ``mutations`` applied, and maybe its syntax broken at a spot."""
    data = tomllib.loads(SAMPLE_HALL.read_text(encoding="utf-8"))
    for path, how, value in mutations:
        with contextlib.suppress(KeyError, IndexError, TypeError):  # an earlier one removed it
            _mutate(data, path, how, value)
    text = tomli_w.dumps(data)
    if breakage is not None:
        fraction, inserted = breakage
        at = round(fraction * len(text))
        text = text[:at] + inserted + text[at:]
    return text


# The defects found by hand (issue 11 §5), tried every run before the made-up ones.
KNOWN_BAD: list[list[tuple[Any, ...]]] = [
    [(("agencies",), "replace", 5)],
    [(("agencies", 0, "services"), "replace", True)],
    [(("holidays", 0, "date"), "replace", datetime(2026, 1, 1, 8, 0))],
    [(("hall", "name"), "replace", "M" * 300)],
    [(("counters", 0, "zone"), "replace", "z" * 150)],
    [(("agencies", 1, "icon"), "replace", "polisi\u202e")],
    [(("counters", 2, "name"), "replace", "Loket\x00 3")],
    [(("schedules", "reguler", "mon", "close"), "replace", "25:00")],
]


def _known_bad(test: Any) -> Any:
    for mutations in KNOWN_BAD:
        test = example(mutations=mutations, breakage=None, lang="id")(test)
    return test


@FUZZ
@_known_bad
@given(
    mutations=st.lists(MUTATION, min_size=1, max_size=3),
    breakage=st.none() | st.none() | st.none() | BREAKAGE,
    lang=st.sampled_from(["id", "en"]),
)
def test_a_mutated_hall_file_is_imported_or_refused_cleanly(
    hall_db: str,
    tmp_path_factory: pytest.TempPathFactory,
    mutations: list[tuple[Any, ...]],
    breakage: tuple[float, str] | None,
    lang: str,
) -> None:
    os.environ["ANTRE_LANG"] = lang
    text = hall_text(mutations, breakage)
    path = tmp_path_factory.getbasetemp() / "mutated-hall.toml"
    path.write_text(text, encoding="utf-8")
    before = fingerprint(hall_db)
    result = antre(hall_db, "hall", "import", str(path))
    assert_clear_refusal_or_done(hall_db, before, result)
    if result[0] == 0:  # a valid hall: stored as PostgreSQL would store it, nothing hidden
        assert_every_text_fits_and_shows(hall_db)
        assert antre(hall_db, "--hall", tomllib.loads(text)["hall"]["code"], "hall", "show")[0] == 0


def assert_every_text_fits_and_shows(url: str) -> None:
    """No stored name is longer than its column, none carries a control character."""
    columns = {
        table.name: [
            (index, column)
            for index, column in enumerate(table.columns)
            if isinstance(column.type, String)
        ]
        for table in Base.metadata.sorted_tables
    }
    for table, rows in fingerprint(url).items():
        for row in rows:
            for index, column in columns[table]:
                value = row[index]
                if not isinstance(value, str):
                    continue
                length = column.type.length  # None: TEXT, which may hold line breaks
                assert length is None or len(value) <= length, (table, column.name, value)
                assert unsafe_character(value, multiline=length is None) is None, value


# --- arguments -----------------------------------------------------------------------------

NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 2, 15, 16, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, 10**19, 10**20]),
).map(str)
TEXTS = st.one_of(
    st.text(ODD_CHARACTERS.filter(lambda c: c != "\x00"), max_size=80),
    st.sampled_from(LENGTHS).map(lambda n: "k" * n),
    st.sampled_from(["KTP-EL-REKAM", "SKCK-BARU", "A001", "a001", "-1", "--json", ""]),
)
COUNTER = st.one_of(NUMBERS, TEXTS)
ACTIONS = st.sampled_from(["open", "break", "close"]) | TEXTS


def _option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda value: [name, value]))


def _verb(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).map(lambda lists: [word for words in lists for word in words])


def _word(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda value: [value])


ARGUMENTS = st.one_of(
    _verb(
        st.just(["call"]),
        _word(COUNTER),
        _option("--ticket", TEXTS),
        _option("--request-id", TEXTS),
    ),
    _verb(
        st.sampled_from([["recall"], ["start"], ["finish"], ["no-show"], ["park"]]),
        _word(COUNTER),
        _option("--request-id", TEXTS),
    ),
    _verb(st.just(["resume"]), _word(COUNTER), _word(TEXTS)),
    _verb(
        st.just(["transfer"]),
        _word(COUNTER),
        _word(TEXTS),
        _option("--note", TEXTS),
        st.sampled_from([[], ["--front"]]),
    ),
    _verb(st.just(["counter"]), _word(ACTIONS), _word(COUNTER)),
    _verb(
        st.just(["issue"]),
        _word(TEXTS),
        _option("--priority", st.sampled_from(["regular", "lansia"]) | TEXTS),
        _option("--kiosk", TEXTS),
        _option("--request-id", TEXTS),
    ),
    _verb(st.just(["events"]), _option("--since", NUMBERS | TEXTS)),
    _verb(st.just(["officer", "add"]), _word(TEXTS), _option("--name", TEXTS)),
    _verb(
        st.sampled_from([["officer", a] for a in ("disable", "enable", "unlock", "password")]),
        _word(st.just("petugas") | TEXTS),
    ),
    _verb(
        st.just(["officer", "role"]),
        _word(st.just("petugas") | TEXTS),
        _word(st.sampled_from(["officer", "admin"]) | TEXTS),
    ),
    st.sampled_from([["officer", "list"], ["officer"]]),
    st.sampled_from([["status"], ["hall", "show"], ["end-of-day"], ["db", "status"]]),
    st.lists(TEXTS, max_size=4),
)


@FUZZ
@given(
    args=ARGUMENTS,
    json_first=st.booleans(),
    password=st.sampled_from(["antre12345", "x", ""]),
    lang=st.sampled_from(["id", "en"]),
)
def test_random_arguments_are_done_or_refused_cleanly(
    hall_db: str, args: list[str], json_first: bool, password: str, lang: str
) -> None:
    os.environ["ANTRE_LANG"] = lang
    before = fingerprint(hall_db)
    argv = ["--json", *args] if json_first else args
    result = antre(hall_db, *argv, stdin=password + "\n")
    assert_clear_refusal_or_done(hall_db, before, result)


def test_the_sample_hall_paths_cover_every_kind_of_table() -> None:
    """The mutations reach the hall, settings, schedules, holidays, agencies, services and
    counters (so the fuzzing above is not only about one corner of the file)."""
    tops = {path[0] for path in PATHS}
    assert {"hall", "settings", "schedules", "holidays", "agencies", "counters"} <= tops
    assert any(len(path) >= 5 and path[2] == "services" for path in PATHS)
