"""The hall screen: header, "now calling", counters, recent calls, media and running text.

The window lays its parts out from its own size (landscape or portrait, 1366×768 to 4K); every
part paints itself at that scale. It shows what BoardSync knows and what the announcer is
saying: "now calling" changes when a call's chime starts, so the hall sees the number it hears,
while the counter tiles and the recent list show every call the moment it arrives.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from display import theme, wording
from display.board_state import Call, Changes
from display.painting import Painted, draw_text, panel, wrap
from display.sync import BoardSync
from display.voice import HallVoice
from display.widgets.counter_grid import CounterGrid
from display.widgets.header import HeaderBar
from display.widgets.marquee import Marquee
from display.widgets.media import MediaArea
from display.widgets.now_calling import NowCallingPanel
from display.widgets.recent_calls import RecentCalls
from ui.full_screen import show_full_screen
from ui.theme import Scale

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Look:
    """What the hall chose for this screen, besides its data."""

    media_folder: Path | None = None
    logo: Path | None = None  # this screen's own logo, shown instead of the hall's
    accent: str | None = None
    image_seconds: float = 10.0
    video_volume: float = 0.6
    language: str = "id"


class Banner(QWidget):
    """A calm notice across the board: the database is out of reach, the board still runs.

    One line when the text fits, else up to three (a reason naming a long file path): the window
    gives the banner the height ``height_for`` asks, so nothing is cut.
    """

    MAX_LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.line = 64  # the height of a one-line banner, in pixels (set by the window)
        self.painted: Painted = {}  # the lines as last drawn ("line0", "line1"), for tests
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_text(self, text: str) -> None:
        self.text = text
        self.setVisible(bool(text))
        self.update()

    def text_font(self) -> QFont:
        return theme.font(self.line * 0.4, QFont.Weight.DemiBold)

    def text_width(self, width: float) -> float:
        return width - self.line * 1.3 - 2

    def lines(self, width: float) -> list[str]:
        """The text as the banner shows it at ``width``: on as few lines as it fits whole
        (breaking at spaces, or after a "/" of a long path)."""
        if not self.text:
            return []
        font, room = self.text_font(), self.text_width(width)
        compact = self.text.replace(" ", "")
        for count in range(1, self.MAX_LINES + 1):
            lines = wrap(self.text, font, room, count, breaks="/\\")
            if "".join(lines).replace(" ", "") == compact:
                return lines
        return lines  # longer than any hall path: the last line ends in "…"

    def height_for(self, width: float) -> int:
        return round(self.line * (1 + 0.6 * (max(1, len(self.lines(width))) - 1)))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        line = float(self.line)
        panel(painter, rect, min(rect.height(), line) * 0.3, QColor("#3B1219"), theme.DANGER, 2.0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.DANGER)
        painter.drawEllipse(
            QRectF(
                rect.left() + line * 0.4, rect.center().y() - line * 0.12, line * 0.24, line * 0.24
            )
        )
        lines = self.lines(self.width())
        text_rect = rect.adjusted(line * 0.9, 0, -line * 0.4, 0)
        pitch = text_rect.height() / max(1, len(lines))
        self.painted.clear()
        for index, shown in enumerate(lines):
            box = QRectF(
                text_rect.left(), text_rect.top() + index * pitch, text_rect.width(), pitch
            )
            draw_text(
                painter,
                box,
                shown,
                self.text_font(),
                theme.TEXT,
                floor=0.8,  # a path with no space to wrap at shrinks a little, then elides
                elide=True,
                painted=self.painted,
                role=f"line{index}",
            )
        painter.end()


class BoardWindow(QWidget):
    def __init__(
        self,
        sync: BoardSync,
        voice: HallVoice | None = None,
        look: Look | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sync = sync
        self.voice = voice
        self.look = look or Look()
        self.accent = theme.accent(self.look.accent)
        self.setObjectName("board")
        self.setWindowTitle("Antre")
        self.setMinimumSize(640, 360)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        self.header = HeaderBar(self)
        self.header.language = self.look.language
        self.header.accent = self.accent
        # The hall's logo comes with its data (BoardSync.logo); a screen's own logo wins.
        self._own_logo = self.look.logo is not None and self.header.set_logo(self.look.logo)
        if self.look.logo is not None and not self._own_logo:
            log.warning("logo %s cannot be shown: the hall's logo is used", self.look.logo)
        self.now_calling = NowCallingPanel(self)
        self.grid = CounterGrid(self)
        self.recent = RecentCalls(self)
        self.marquee = Marquee(self)
        self.marquee.accent = self.accent
        self.media: MediaArea | None = None
        if self.look.media_folder is not None:
            self.media = MediaArea(self, self.look.image_seconds, self.look.video_volume)
            self.media.available_changed.connect(lambda _a: self._layout())
        self.banner = Banner(self)
        self.banner.set_text(wording.starting())
        self._banner_shown = True

        sync.loaded.connect(self._on_loaded)
        sync.changed.connect(self._on_changed)
        sync.called.connect(self._on_called)
        sync.online_changed.connect(self._on_online)
        sync.problem.connect(self._on_problem)
        sync.outage_changed.connect(self._on_outage)
        if voice is not None:
            voice.now_announcing.connect(self._on_announcing)
            voice.playing_changed.connect(self._on_playing)
        if self.media is not None:
            self.media.set_folder(self.look.media_folder)
        self._layout()

    # --- data in ---------------------------------------------------------------------------

    def _on_loaded(self) -> None:
        state = self.sync.state
        self.header.hall_name = state.hall_name
        self.header.short_name = state.hall_short_name
        self.header.timezone = state.timezone
        self.header.subtitle = wording.zones_label(", ".join(state.zones)) if state.zones else ""
        if not self._own_logo:
            self.header.set_logo(self.sync.logo)
        self.header.update()
        self.recent.timezone = state.timezone
        self.marquee.set_text(state.running_text)
        self.grid.set_slots(state.ordered_counters(), state.agencies)
        self.recent.set_calls(state.recent, state.agencies)
        if not (self.voice is not None and self.voice.busy):
            self._present(state.latest, highlight=False)
        self._set_banner("" if self.sync.online else self._outage_text())
        self._layout()

    def _on_changed(self, changes: Changes) -> None:
        state = self.sync.state
        if changes.counters:
            self.grid.set_slots(state.ordered_counters(), state.agencies)
        if changes.recent:
            self.recent.set_calls(state.recent, state.agencies)
        if changes.settings:
            self.marquee.set_text(state.running_text)
        shown = self.now_calling.call
        if shown is not None and shown.ticket_id in changes.left:
            # The ticket left its counter (parked, no-show, transfer, finish): the card no
            # longer sends anyone there; it shows the newest call still standing, if any.
            self._present(state.calling(), highlight=False)

    def _on_called(self, call: Call, mode: str) -> None:
        self.grid.flash(call.counter)
        if mode == "announced":
            return  # shown on the card when its chime starts
        if self.voice is None or not self.voice.busy:
            self._present(call, highlight=mode == "fresh")

    def _on_announcing(self, call: Call) -> None:
        if self.sync.state.standing(call):  # not a ticket that left its counter meanwhile
            self._present(call, highlight=True)

    def _present(self, call: Call | None, highlight: bool) -> None:
        agency = self.sync.state.agency(call.agency_code) if call is not None else None
        self.now_calling.present(call, agency, highlight)
        self.recent.set_exclude(call.ticket_id if call is not None else None)

    def _on_online(self, online: bool) -> None:
        self._set_banner("" if online else self._outage_text())

    def _outage_text(self) -> str:
        """Why the board is out of touch: the database's own reason (a missing or replaced
        SQLite file, with its path) when core gave one, else the calm generic line."""
        return self.sync.outage_text() or wording.offline()

    def _on_outage(self) -> None:
        if not self.sync.online:
            self._set_banner(self._outage_text())

    def _on_problem(self, text: str) -> None:
        if text:
            self._set_banner(text)
        elif self.sync.online:
            self._set_banner("")

    def _set_banner(self, text: str) -> None:
        """The notice gets a strip of its own under the header: it never covers the board."""
        changed = text != self.banner.text
        self.banner.set_text(text)
        if bool(text) != self._banner_shown or changed:  # shown, hidden, or one line ↔ two
            self._banner_shown = bool(text)
            self._layout()

    def _on_playing(self, playing: bool) -> None:
        if self.media is not None:
            self.media.duck(playing)

    # --- layout ------------------------------------------------------------------------------

    def _has_media(self) -> bool:
        return self.media is not None and self.media.available

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def _layout(self) -> None:
        scale = theme.scale_for(self.width(), self.height())
        if scale.portrait:
            self._layout_portrait(scale)
        else:
            self._layout_landscape(scale)
        if self.media is not None:
            self.media.setVisible(self._has_media())

    def _layout_landscape(self, s: Scale) -> None:
        w, h = self.width(), self.height()
        header_h, marquee_h, m, g = s.px(108), s.px(74), s.px(34), s.px(26)
        self.header.setGeometry(0, 0, w, header_h)
        self.marquee.setGeometry(0, h - marquee_h, w, marquee_h)
        top = header_h + g + self._banner_room(s)
        content = QRect(m, top, w - 2 * m, h - marquee_h - g - top)
        left_w = round(content.width() * 0.41)
        right = QRect(
            content.left() + left_w + round(g * 1.4),
            content.top(),
            content.width() - left_w - round(g * 1.4),
            content.height(),
        )
        if self._has_media():
            # Left: the call above the hall's media; right: the counters above recent calls.
            assert self.media is not None
            media_h = min(round(left_w * 9 / 16), round(content.height() * 0.5))
            media_w = round(media_h * 16 / 9)
            card_h = content.height() - media_h - g
            self._place_card(QRect(content.left(), content.top(), left_w, card_h))
            self.media.setGeometry(
                content.left() + (left_w - media_w) // 2,
                content.bottom() - media_h + 1,
                media_w,
                media_h,
            )
            recent_h = s.px(168)
            self.recent.horizontal = True
            self.recent.setGeometry(
                right.left(), right.bottom() - recent_h + 1, right.width(), recent_h
            )
            self.grid.setGeometry(right.adjusted(0, 0, 0, -(recent_h + g)))
        else:
            card_h = round(content.height() * 0.63)
            self._place_card(QRect(content.left(), content.top(), left_w, card_h))
            self.recent.horizontal = False
            self.recent.setGeometry(
                content.left(), content.top() + card_h + g, left_w, content.height() - card_h - g
            )
            self.grid.setGeometry(right)
        self.grid.unit = s.unit
        self._place_banner(s, header_h)

    def _place_card(self, rect: QRect) -> None:
        self.now_calling.compact = rect.width() > rect.height() * 1.45
        self.now_calling.setGeometry(rect)

    def _layout_portrait(self, s: Scale) -> None:
        w, h = self.width(), self.height()
        header_h, marquee_h, m, g = s.px(124), s.px(84), s.px(32), s.px(26)
        self.header.setGeometry(0, 0, w, header_h)
        self.marquee.setGeometry(0, h - marquee_h, w, marquee_h)
        y = header_h + g + self._banner_room(s)
        cw = w - 2 * m
        media = self._has_media()
        card_h = s.px(430 if media else 500)
        self._place_card(QRect(m, y, cw, card_h))
        y += card_h + g
        if media:
            assert self.media is not None
            media_h = round(cw * 9 / 16)
            self.media.setGeometry(m, y, cw, media_h)
            y += media_h + g
        recent_h = s.px(170 if media else 200)
        bottom = h - marquee_h - g
        self.recent.horizontal = True
        self.recent.setGeometry(m, bottom - recent_h, cw, recent_h)
        self.grid.unit = s.unit
        self.grid.setGeometry(m, y, cw, bottom - recent_h - g - y)
        self._place_banner(s, header_h)

    def _banner_room(self, s: Scale) -> int:
        if not self._banner_shown:
            return 0
        self.banner.line = s.px(64)
        return self.banner.height_for(self._banner_width(s)) + s.px(10)

    def _banner_width(self, s: Scale) -> int:
        return min(self.width() - s.px(80), s.px(1300))

    def _place_banner(self, s: Scale, header_h: int) -> None:
        bw = self._banner_width(s)
        self.banner.line = s.px(64)
        height = self.banner.height_for(bw)
        self.banner.setGeometry((self.width() - bw) // 2, header_h + s.px(14), bw, height)
        self.banner.raise_()

    # --- window --------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        gradient.setColorAt(0, theme.BG_TOP)
        gradient.setColorAt(1, theme.BG)
        painter.fillRect(rect, gradient)
        glow = QRadialGradient(rect.width() * 0.15, rect.height() * 0.35, rect.width() * 0.5)
        glow.setColorAt(0, theme.with_alpha(self.accent, 0.07))
        glow.setColorAt(1, theme.with_alpha(self.accent, 0.0))
        painter.fillRect(rect, glow)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for child in (self.header, self.now_calling, self.grid, self.recent, self.marquee):
                child.update()
            if not self.sync.online:
                self._set_banner(self._outage_text())
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.set_full_screen(not self.isFullScreen())
        elif (
            event.key() == Qt.Key.Key_Q and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.close()
        else:
            super().keyPressEvent(event)

    def set_full_screen(self, full: bool) -> None:
        if full:
            self.setCursor(Qt.CursorShape.BlankCursor)
            show_full_screen(self)  # fills the screen without a window manager too
        else:
            self.unsetCursor()
            self.showNormal()

    def closeEvent(self, event) -> None:
        if self.media is not None:
            self.media.stop()
        self.sync.stop()
        super().closeEvent(event)

    # --- for tests and the bench -------------------------------------------------------------

    def shown_numbers(self) -> dict[int, str]:
        return {n: self.grid.number_at(n) for n in self.grid.counters()}
