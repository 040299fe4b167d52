"""Indonesian in the code, English in assets/translations/counter_en.ts and its compiled .qm."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "assets" / "translations" / "counter_en.ts"
QM = ROOT / "assets" / "translations" / "counter_en.qm"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def messages(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            found[(name, message.findtext("source"))] = (translation.text or "", finished)
    return found


def test_every_text_of_the_counter_has_an_english_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "counter").glob("*.py"))
    subprocess.run(
        [
            str(LUPDATE),
            *sources,
            "-source-language",
            "id_ID",
            "-target-language",
            "en",
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    wanted = set(messages(fresh))
    committed = messages(TS)
    assert wanted - set(committed) == set(), "run pyside6-lupdate and translate the new texts"
    for key in wanted:
        english, finished = committed[key]
        assert finished and english.strip(), key
        assert sorted(re.findall(r"%\d", english)) == sorted(re.findall(r"%\d", key[1])), key


def test_the_compiled_translation_matches_the_source_file(qtbot):
    translator = QTranslator()
    assert translator.load(str(QM))
    for (context, source), (english, _finished) in messages(TS).items():
        assert translator.translate(context, source) == english, (context, source)
    assert TS.read_text(encoding="utf-8").count("silahkan") == 0
