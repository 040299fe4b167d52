"""The optional media area: the hall's images and videos from a folder, in a loop.

Files play in name order (``01-welcome.mp4``, ``02-halal.jpg`` …); the folder is read again at
the end of every round, so staff can add or remove files without restarting the board. Images
stay ``image_seconds``; videos play to their end. A file that cannot be shown is skipped. Video
sound is lowered while the hall hears an announcement (``duck``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImageReader, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QStackedLayout, QWidget

from display import theme

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"}
VIDEO_SUFFIXES = {".mp4", ".m4v", ".mkv", ".webm", ".avi", ".mov", ".ogv", ".mpg", ".mpeg"}
DUCKED = 0.15  # share of the video's volume left while an announcement plays


def media_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name.lower())
    except OSError as error:
        log.warning("media folder %s not readable: %s", folder, error)
        return []
    return [
        p
        for p in entries
        if p.is_file()
        and not p.name.startswith(".")
        and p.suffix.lower() in IMAGE_SUFFIXES | VIDEO_SUFFIXES
    ]


class ImageView(QWidget):
    """One picture, filling the area (cropped at the edges), with rounded corners."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap: QPixmap | None = None

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self.pixmap = pixmap
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect())
        path = QPainterPath()
        radius = min(rect.width(), rect.height()) * 0.035
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, theme.SURFACE)
        if self.pixmap is not None and not self.pixmap.isNull():
            pm = self.pixmap
            scale = max(rect.width() / pm.width(), rect.height() / pm.height())
            w, h = rect.width() / scale, rect.height() / scale
            source = QRectF((pm.width() - w) / 2, (pm.height() - h) / 2, w, h)
            painter.setClipPath(path)
            painter.drawPixmap(rect, pm, source)
        painter.end()


class MediaArea(QWidget):
    available_changed = Signal(bool)  # False: nothing to show, the board takes the space

    def __init__(
        self, parent: QWidget | None = None, image_seconds: float = 10.0, volume: float = 0.6
    ) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self.image_seconds = image_seconds
        self.volume = max(0.0, min(1.0, volume))
        self.files: list[Path] = []
        self.current: Path | None = None
        self.available = False
        self._index = -1
        self._failures = 0
        self._skipping: Path | None = None  # an error and an invalid status come for one file
        self._ducked = False
        self._images = ImageView(self)
        self._video = QVideoWidget(self)
        self._video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        self._layout = QStackedLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._images)
        self._layout.addWidget(self._video)
        self._player: QMediaPlayer | None = None
        self._audio: QAudioOutput | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.next)

    # --- the board's side ------------------------------------------------------------------

    def set_folder(self, folder: Path | None) -> None:
        self.folder = folder
        self.files = media_files(folder)
        self._index = -1
        self._set_available(bool(self.files))
        if self.files:
            self.next()
        else:
            self.stop()

    def duck(self, ducked: bool) -> None:
        self._ducked = ducked
        if self._audio is not None:
            self._audio.setVolume(self.effective_volume())

    def effective_volume(self) -> float:
        return self.volume * (DUCKED if self._ducked else 1.0)

    def stop(self) -> None:
        self._timer.stop()
        if self._player is not None:
            self._player.stop()

    # --- the loop ----------------------------------------------------------------------------

    def next(self) -> None:
        self._timer.stop()
        self._skipping = None
        if self._index + 1 >= len(self.files):
            self.files = media_files(self.folder)  # a new round: pick up added or removed files
            self._index = -1
            if not self.files:
                self.stop()
                self._set_available(False)
                return
            self._set_available(True)
        self._index += 1
        path = self.files[self._index]
        self.current = path
        if path.suffix.lower() in VIDEO_SUFFIXES:
            self._play_video(path)
        else:
            self._show_image(path)

    def _show_image(self, path: Path) -> None:
        if self._player is not None:
            self._player.stop()
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        image = reader.read()
        if image.isNull():
            self._skip(path, reader.errorString())
            return
        self._failures = 0
        self._images.set_pixmap(QPixmap.fromImage(image))
        self._layout.setCurrentWidget(self._images)
        self._timer.start(round(self.image_seconds * 1000))

    def _ensure_player(self) -> QMediaPlayer:
        if self._player is None:
            self._player = QMediaPlayer(self)
            self._audio = QAudioOutput(self)
            self._audio.setVolume(self.effective_volume())
            self._player.setAudioOutput(self._audio)
            self._player.setVideoOutput(self._video)
            self._player.mediaStatusChanged.connect(self._on_status)
            self._player.errorOccurred.connect(self._on_error)
        return self._player

    def _play_video(self, path: Path) -> None:
        player = self._ensure_player()
        self._layout.setCurrentWidget(self._video)
        player.setSource(QUrl.fromLocalFile(str(path)))
        player.play()
        # A video that never ends (a broken file, a stuck decoder) still gives way.
        self._timer.start(30 * 60 * 1000)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._failures = 0
            QTimer.singleShot(0, self, self.next)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self.current is not None:
            self._skip(self.current, "invalid media")
        elif status == QMediaPlayer.MediaStatus.BufferedMedia:
            self._failures = 0

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError and self.current is not None:
            self._skip(self.current, message or str(error))

    def _skip(self, path: Path, reason: str) -> None:
        if self._skipping == path:
            return
        self._skipping = path
        log.warning("media file %s skipped: %s", path.name, reason)
        self._failures += 1
        if self._failures >= max(1, len(self.files)):
            # Nothing in the folder can be shown: try again in a while (files may be fixed).
            log.warning("no media file in %s can be shown; trying again in a minute", self.folder)
            self._failures = 0
            self._index = len(self.files)
            self._set_available(False)
            self._timer.start(60_000)
            return
        QTimer.singleShot(0, self, self.next)

    def _set_available(self, available: bool) -> None:
        if available != self.available:
            self.available = available
            self.available_changed.emit(available)
