"""Start-up shared by every Antre window program: logging, settings, database, errors."""

from __future__ import annotations

import logging
import os
import sys
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from core.config import DeviceSettings, load_settings
from core.db import schema
from core.db.database import Database
from core.logs import setup_logging

log = logging.getLogger(__name__)


def _log_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    # A slot that raises must not kill the hall screen or print a traceback at people.
    log.error("uncaught error", exc_info=(kind, error, tb))


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_qt_log = logging.getLogger("qt")


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    # Qt's own warnings (no audio device, fonts, …) belong in the log file, not on the screen.
    _qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


_handler_installed = False


def route_qt_messages_to_log() -> None:
    """Send Qt's messages to the log, installing the handler once per process.

    Qt calls the handler from its own threads too (QtMultimedia's audio renderer warns from
    one); replacing a Python handler while such a call is waiting for the GIL ends in a call
    through a null pointer, so the handler is never swapped once installed.
    """
    global _handler_installed
    if not _handler_installed:
        qInstallMessageHandler(_qt_message)
        _handler_installed = True


def make_app(program: str, argv: list[str] | None = None) -> QApplication:
    setup_logging(program)
    sys.excepthook = _log_uncaught
    route_qt_messages_to_log()
    # FFmpeg (QtMultimedia's back end) prints a dump of every sound it opens unless told not to.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.ffmpeg*=false")
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName(program)
    app.setOrganizationName("Antre")
    return app  # type: ignore[return-value]


def open_database(settings: DeviceSettings) -> Database:
    return schema.connect(settings.database_url)


def settings() -> DeviceSettings:
    return load_settings()
