"""Full screen that fills the screen by itself, also on an X server without a window manager.

Hall screens and kiosks often run X with no window manager. There, ``showFullScreen()`` only
asks for full screen (a window manager would do it): the window kept its own size (the kiosk a
200×720 strip, the board 640×480). So the window is also given the screen's geometry, and
given it again when the screen changes size or the window moves to another screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtWidgets import QWidget


class _ScreenFollower(QObject):
    """Keeps one full-screen window on its screen's geometry."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName("antre-screen-follower")
        self.widget = widget
        self.screen: QScreen | None = None
        self.window: QWindow | None = None

    def watch(self, window: QWindow | None) -> None:
        """Follow the window to whichever screen it is moved to."""
        if window is not None and window is not self.window:
            self.window = window
            window.screenChanged.connect(self.follow)

    def follow(self, screen: QScreen | None) -> None:
        if screen is None or screen is self.screen:
            self.fit()
            return
        if self.screen is not None:
            self.screen.geometryChanged.disconnect(self.fit)
        self.screen = screen
        screen.geometryChanged.connect(self.fit)
        self.fit()

    def fit(self, *_: QRect) -> None:
        full = self.widget.windowState() & Qt.WindowState.WindowFullScreen
        if self.screen is not None and full and self.widget.geometry() != self.screen.geometry():
            self.widget.setGeometry(self.screen.geometry())


def show_full_screen(widget: QWidget, screen: QScreen | None = None) -> None:
    """Show ``widget`` full screen on ``screen`` (default: its own, else the primary one)."""
    screen = screen or widget.screen() or QGuiApplication.primaryScreen()
    follower = widget.findChild(_ScreenFollower, "antre-screen-follower")
    if follower is None:
        follower = _ScreenFollower(widget)
    if screen is not None:
        widget.setGeometry(screen.geometry())
    widget.showFullScreen()
    follower.watch(widget.windowHandle())
    follower.follow(screen)
