"""Qt translations: source texts are Indonesian; English comes from assets/translations."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from core.language import DEFAULT_LANGUAGE, as_language

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parent.parent / "assets" / "translations"
_installed: list[QTranslator] = []


def set_language(lang: str) -> None:
    """Switch every window to ``lang`` ("id" or "en", else Indonesian); widgets retranslate
    on LanguageChange."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = as_language(lang)
    if language == DEFAULT_LANGUAGE:
        return  # the source texts are Indonesian
    for path in sorted(TRANSLATIONS.glob(f"*_{language}.qm")):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("could not load translation %s", path)
