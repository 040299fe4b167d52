"""Tests mirror the code, so the test of a module is found without searching.

A test of ``core/services/calling.py`` is ``tests/core/services/test_calling.py``; of the
package ``core/events/``, ``tests/core/test_events.py``. Several files for one module name
their aspect after it: ``test_workstation_actions.py``, ``test_workstation_live.py``. Besides
mirrors there are two places only: ``tests/e2e/`` (the installed programs as processes) and
``CROSS_MODULE`` below, each entry with why it tests no one module.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
CROSS_PROCESS = TESTS / "e2e"

# Test files (relative to tests/) that mirror no module, and why.
CROSS_MODULE = {
    "test_layout.py": "this convention, over every test file",
    "test_front_end_layering.py": "the imports of every front end: core's public modules only",
    "test_qt_binding.py": "the PySide6 release pyproject.toml allows, not a module of ours",
    "core/test_races.py": "kiosks and counters as real processes racing on one database",
    "core/test_lifecycle_model.py": "the whole ticket life cycle against a model (hypothesis)",
    "core/test_bad_input_fuzz.py": "made-up hall files and arguments through all of core",
    "core/test_query_plans.py": "a day's statements of every service against the indexes",
    "core/test_query_plans_pg.py": "the same on PostgreSQL's generic plans",
    "kiosk/test_screenshots.py": "every kiosk screen, pictured for docs/screenshots",
    "counter/test_screenshots.py": "the workstation, login and dialogs, pictured for the docs",
    "display/test_screenshots.py": "the board at the sizes halls use, pictured for the docs",
    "counter/test_translations.py": "every text of counter/ against its English .ts and .qm",
}


def mirrored(test: Path) -> Path | None:
    """The module or package that ``test`` (a path relative to tests/) mirrors, or None.

    ``test_<name>.py`` and ``test_<name>_<aspect>.py`` both mirror ``<name>.py`` or the
    package ``<name>/`` in the folder of the same path from the repository's root.
    """
    folder = ROOT / test.parent
    words = test.stem.removeprefix("test_").split("_")
    for count in range(len(words), 0, -1):
        name = "_".join(words[:count])
        for source in (folder / f"{name}.py", folder / name / "__init__.py"):
            if source.is_file():
                return source.relative_to(ROOT)
    return None


def files_of_tests() -> list[Path]:
    return sorted(
        path.relative_to(TESTS)
        for path in TESTS.rglob("test_*.py")
        if not path.is_relative_to(CROSS_PROCESS)
    )


def test_the_check_tells_a_mirror_from_a_stray() -> None:
    assert mirrored(Path("core/services/test_calling.py")) == Path("core/services/calling.py")
    assert mirrored(Path("counter/test_workstation_live.py")) == Path("counter/workstation.py")
    assert mirrored(Path("display/test_board_state.py")) == Path("display/board_state.py")
    assert mirrored(Path("core/test_events.py")) == Path("core/events/__init__.py")
    assert mirrored(Path("scripts/test_make_chime.py")) == Path("scripts/make_chime.py")
    assert mirrored(Path("core/test_calling.py")) is None  # calling.py is in core/services/
    assert mirrored(Path("kiosk/test_printers.py")) is None  # printers.py is in kiosk/printing/
    assert mirrored(Path("core/services/test_nothing_of_ours.py")) is None


def test_every_test_file_mirrors_a_module_or_says_why_not() -> None:
    assert len(files_of_tests()) > 50
    strays = [
        str(test)
        for test in files_of_tests()
        if str(test) not in CROSS_MODULE and mirrored(test) is None
    ]
    assert strays == [], "move each to the path of the module it tests, or into CROSS_MODULE"


def test_every_cross_module_entry_is_a_test_file_that_mirrors_nothing() -> None:
    """The list stays short and true: no file gone, no file that has a mirror after all."""
    assert {name: (TESTS / name).is_file() for name in CROSS_MODULE} == dict.fromkeys(
        CROSS_MODULE, True
    )
    assert {name: mirrored(Path(name)) for name in CROSS_MODULE} == dict.fromkeys(CROSS_MODULE)


def test_every_folder_of_tests_is_a_package() -> None:
    """tests.<path> names every test module: helpers import as tests.kiosk.kiosk_helpers, and
    tests/demo/test_app.py and tests/display/test_app.py are two modules, not one."""
    folders = {TESTS / test.parent for test in files_of_tests()} | {CROSS_PROCESS}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").is_file()) == []
