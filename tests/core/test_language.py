"""Whatever a setting, a flag or a button says, Antre speaks Indonesian or English."""

from __future__ import annotations

from datetime import date

import pytest

from core import dates, messages
from core.language import LANGUAGES, as_language, other_language


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en", "en"), ("id", "id"), ("fr", "id"), ("EN", "id"), ("", "id"), (None, "id")],
)
def test_anything_but_english_reads_as_indonesian(value: object, expected: str) -> None:
    assert as_language(value) == expected


def test_the_switch_turns_to_the_other_language() -> None:
    assert [other_language(lang) for lang in LANGUAGES] == ["en", "id"]
    assert other_language("xx") == "en"  # from Indonesian, the default


def test_core_words_in_the_language_it_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTRE_LANG", "en_US.UTF-8")
    assert messages.language() == "en"
    monkeypatch.setenv("ANTRE_LANG", "jv")
    assert messages.language() == "id"
    day = date(2026, 11, 23)
    assert dates.written_date(day, "fr") == "Senin, 23 November 2026"
    assert dates.written_date(day, "en").startswith("Monday")
