"""One wording of each enum for every program, in Indonesian and, from ui_en.qm, English."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from core.domain.enums import CounterState, Priority, TicketStatus
from display import wording as board_wording
from ui import i18n, wording

TRANSLATIONS = Path(i18n.TRANSLATIONS)
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def sources(ts: Path, finished: bool = True) -> dict[tuple[str, str], str]:
    """(context, source) → English, for every (``finished``) message of a .ts file."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if not finished or translation.get("type") not in ("unfinished", "obsolete"):
                key = (context.findtext("name") or "", message.findtext("source") or "")
                found[key] = translation.text or ""
    return found


def test_every_shared_name_has_its_english_in_ui_en(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(LUPDATE), wording.__file__, "-target-language", "en", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    wanted = set(sources(fresh, finished=False))
    committed = sources(TRANSLATIONS / "ui_en.ts")
    assert len(wanted) == 10 and {c for c, _ in wanted} == {wording.CONTEXT}
    assert all(committed.get(key, "").strip() for key in wanted), wanted - set(committed)
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "ui_en.qm"))
    for (context, source), english in committed.items():
        assert translator.translate(context, source) == english, source


def test_no_program_names_a_priority_group_its_own_way() -> None:
    names = set(wording.PRIORITY_NAMES.values())
    for ts in TRANSLATIONS.glob("*_en.ts"):
        if ts.name != "ui_en.ts":
            assert names.isdisjoint(source for _, source in sources(ts)), ts.name


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_names_people_see(qapp, lang: str) -> None:
    i18n.set_language(lang)
    try:
        shown = (
            wording.priority_name(Priority.IBU_HAMIL),
            wording.priority_name(Priority.REGULAR),
            wording.status_name(TicketStatus.SERVING),
            wording.status_name(TicketStatus.DONE),
            board_wording.state_name("break"),
            board_wording.ticket_status("called"),
        )
    finally:
        i18n.set_language("id")
    expected = {
        "id": ("Ibu hamil / membawa anak", "", "Sedang dilayani", "done", "Istirahat", "Dipanggil"),
        "en": ("Pregnant / with a small child", "", "Being served", "done", "On break", "Called"),
    }
    assert shown == expected[lang]
    assert board_wording.state_name("gone") == wording.state_name(CounterState.CLOSED)
