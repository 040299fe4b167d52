# ruff: noqa: E501  (style-sheet rules read best on one line each)
"""The workstation's look: a calm, high-contrast palette and one style sheet.

Colours are chosen for contrast on ordinary office monitors (text ≥ 7:1 on its surface,
coloured buttons ≥ 4.5:1 with white text). Widgets pick a role with the ``role``
property (``setProperty("role", "primary")``) instead of styling themselves.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ui.theme import UI_FAMILIES

NUMBER_FAMILIES = ["Segoe UI Semibold", "Noto Sans", "Inter", "DejaVu Sans", "Arial"]

BG = "#EDF1F5"
SURFACE = "#FFFFFF"
BORDER = "#D3DAE3"
TEXT = "#0F172A"
MUTED = "#475569"
SUBTLE = "#64748B"
PRIMARY = "#1D4ED8"
PRIMARY_DARK = "#1E3A8A"
SUCCESS = "#15803D"
DANGER = "#B91C1C"
PRIORITY = "#6D28D9"
HEADER = "#0F2A4A"
WARNING_BG = "#FEF3C7"
WARNING_TEXT = "#78350F"
WARNING_EDGE = "#F59E0B"
INFO_BG = "#E0ECFF"
INFO_TEXT = "#1E3A8A"
# A disabled action, whatever its role: no colour, text well below the 4.5:1 of an enabled one.
DISABLED_BG = "#F1F4F8"
DISABLED_EDGE = "#DCE2EA"
DISABLED_TEXT = "#94A3B8"

# Ticket status → (background, text) of its chip.
STATUS_COLOURS = {
    "called": (PRIMARY, "#FFFFFF"),
    "serving": (SUCCESS, "#FFFFFF"),
}
# Counter state → colour of the state pill in the header.
STATE_COLOURS = {"open": "#16A34A", "break": "#D97706", "closed": "#94A3B8"}


def font(size: float, weight: QFont.Weight = QFont.Weight.Normal, number: bool = False) -> QFont:
    result = QFont()
    result.setFamilies(list(NUMBER_FAMILIES if number else UI_FAMILIES))
    result.setPointSizeF(size)
    result.setWeight(weight)
    if number:
        result.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 96)
    return result


def apply(widget: QWidget) -> None:
    """Give a top-level window the workstation font and style sheet."""
    widget.setFont(font(10.5))
    widget.setStyleSheet(STYLE)


STYLE = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog, #workstation, #miniBar {{ background: {BG}; }}
QToolTip {{ background: {TEXT}; color: white; border: none; padding: 6px 8px; }}

#header {{ background: {HEADER}; }}
#header QLabel {{ color: #E2E8F0; }}
#header #counterName {{ color: white; font-size: 17pt; font-weight: 700; }}
#header #hallName {{ color: #CBD5E1; }}
#header #clock {{ color: white; font-size: 15pt; font-weight: 600; }}
#header #officer {{ color: white; font-weight: 600; }}
#header QPushButton {{
    color: white; background: transparent; border: 1px solid #3B5577;
    border-radius: 8px; padding: 6px 12px; font-weight: 600;
}}
#header QPushButton:hover {{ background: #1B3A61; }}
#header QPushButton:pressed {{ background: #0A1F38; }}
#header QPushButton:disabled {{ color: #7A8BA3; border-color: #2A4262; }}
#header QPushButton[role="state"] {{
    background: #16355C; border: 1px solid #2B4C75; border-radius: 0; padding: 0;
}}
#header QPushButton[role="state"][edge="first"] {{ border-top-left-radius: 9px; border-bottom-left-radius: 9px; }}
#header QPushButton[role="state"][edge="last"] {{ border-top-right-radius: 9px; border-bottom-right-radius: 9px; }}
#header QPushButton[role="state"]:hover {{ background: #1D4372; }}
#header QPushButton[role="state"][stateKey="open"]:checked {{ background: #15803D; border-color: #22A052; }}
#header QPushButton[role="state"][stateKey="break"]:checked {{ background: #B45309; border-color: #D97706; }}
#header QPushButton[role="state"][stateKey="close"]:checked {{ background: #475569; border-color: #64748B; }}
#header #actionTitle {{ color: #DCE4EE; }}
#header #actionTitle:disabled {{ color: #8193AA; }}
#header #actionTitle[on="true"] {{ color: white; font-weight: 700; }}
#header #keycap {{ color: #B8C6D8; background: transparent; border: 1px solid #3B5A80; }}
#header #keycap[on="true"] {{ color: white; border-color: rgba(255,255,255,0.55); }}

#card {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 14px; }}
#cardTitle {{
    color: {MUTED}; font-size: 9.5pt; font-weight: 700; letter-spacing: 1px;
}}
#cardAside {{ color: {MUTED}; }}
#muted {{ color: {MUTED}; }}
#subtle {{ color: {SUBTLE}; }}

#ticketNumber {{ color: {TEXT}; }}
#ticketNumber[empty="true"] {{ color: #B6C2D1; }}
#agencyName {{ color: {MUTED}; font-size: 12pt; }}
#statusChip {{ border-radius: 13px; padding: 4px 14px; font-weight: 700; color: white; border: 1px solid transparent; }}
#priorityBadge {{
    background: {PRIORITY}; color: white; border-radius: 13px; padding: 4px 14px;
    font-weight: 700; border: 1px solid {PRIORITY};
}}
#noteLine {{ color: {WARNING_TEXT}; background: {WARNING_BG}; border-radius: 8px; padding: 6px 10px; }}
#metricLabel {{ color: {MUTED}; font-size: 9.5pt; font-weight: 600; }}
#metricValue {{ font-size: 22pt; font-weight: 600; }}
#metricValue[idle="true"] {{ color: #A0AEC0; }}
#emptyTitle {{ color: {MUTED}; font-size: 20pt; font-weight: 600; }}
#emptyHint {{ color: {MUTED}; font-size: 12pt; }}

QPushButton {{
    background: {SURFACE}; border: 1px solid #B8C3D1; border-radius: 10px;
    padding: 8px 14px; font-weight: 600;
}}
QPushButton:hover {{ background: #F1F5F9; border-color: #94A3B8; }}
QPushButton:pressed {{ background: #E2E8F0; }}
QPushButton:focus {{ border: 2px solid {PRIMARY}; }}
/* Every disabled action looks the same: grey on grey, whatever its colour when it can act. */
QPushButton:disabled {{ color: {DISABLED_TEXT}; background: {DISABLED_BG}; border-color: {DISABLED_EDGE}; }}
QPushButton[role="primary"] {{ background: {PRIMARY}; color: white; border: 1px solid {PRIMARY}; }}
QPushButton[role="primary"]:hover {{ background: #1E40AF; }}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_DARK}; }}
QPushButton[role="primary"]:focus {{ border: 2px solid {PRIMARY_DARK}; }}
QPushButton[role="primary"]:disabled {{ background: {DISABLED_BG}; border-color: {DISABLED_EDGE}; color: {DISABLED_TEXT}; }}
QPushButton[role="success"] {{ background: {SUCCESS}; color: white; border: 1px solid {SUCCESS}; }}
QPushButton[role="success"]:hover {{ background: #166534; }}
QPushButton[role="success"]:disabled {{ background: {DISABLED_BG}; border-color: {DISABLED_EDGE}; color: {DISABLED_TEXT}; }}
QPushButton[role="danger"] {{ color: {DANGER}; border-color: #E3A5A5; }}
QPushButton[role="danger"]:hover {{ background: #FEF2F2; }}
QPushButton[role="danger"]:disabled {{ color: #D8A5A5; border-color: #EDD5D5; }}
QPushButton[role="state"]:checked {{ background: {HEADER}; color: white; border-color: {HEADER}; }}
QPushButton[role="link"] {{
    background: transparent; border: none; color: {PRIMARY}; padding: 4px 6px; font-weight: 600;
}}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}

#actionButton QLabel {{ background: transparent; }}
#actionTitle {{ font-weight: 600; }}
#actionHint, #actionHint:disabled {{ color: {MUTED}; font-size: 8.5pt; font-weight: 600; }}
#keycap {{
    color: {MUTED}; background: #EEF2F7; border: 1px solid #CBD5E1; border-radius: 5px;
    padding: 1px 6px; font-size: 8.5pt; font-weight: 700;
}}
/* Qt ignores an ancestor's pseudo-state (:disabled, :checked) in a selector, so the labels
   carry their own state: disabled with their button, on="true" when a state button is on. */
#actionTitle:disabled {{ color: {DISABLED_TEXT}; }}
#keycap:disabled {{ color: #A0AEC0; border-color: {DISABLED_EDGE}; background: transparent; }}
QPushButton[role="primary"] #actionTitle, QPushButton[role="success"] #actionTitle {{ color: white; }}
QPushButton[role="primary"] #keycap, QPushButton[role="success"] #keycap {{
    color: white; background: rgba(255,255,255,0.16); border-color: rgba(255,255,255,0.45);
}}
QPushButton[role="primary"] #actionTitle:disabled, QPushButton[role="success"] #actionTitle:disabled {{ color: {DISABLED_TEXT}; }}
QPushButton[role="primary"] #keycap:disabled, QPushButton[role="success"] #keycap:disabled {{
    color: #A0AEC0; border-color: {DISABLED_EDGE}; background: transparent;
}}
QPushButton[role="danger"] #actionTitle {{ color: {DANGER}; }}
QPushButton[role="danger"] #actionTitle:disabled {{ color: #D8A5A5; }}
QPushButton[role="state"] #actionTitle[on="true"] {{ color: white; }}
QPushButton[role="state"] #keycap[on="true"] {{ color: white; background: transparent; border-color: rgba(255,255,255,0.5); }}

#banner {{ border-radius: 10px; }}
#banner[kind="offline"] {{ background: {WARNING_BG}; border: 1px solid {WARNING_EDGE}; }}
#banner[kind="offline"] QLabel {{ color: {WARNING_TEXT}; }}
#bannerTitle {{ font-weight: 700; font-size: 11.5pt; }}
#notice {{ border-radius: 8px; padding: 5px 12px; font-weight: 600; margin-left: 12px; }}
#notice[kind="none"] {{ background: transparent; border: 1px solid transparent; }}
#notice[kind="info"] {{ background: {INFO_BG}; color: {INFO_TEXT}; border: 1px solid #B7CCF5; }}
#notice[kind="success"] {{ background: #DCFCE7; color: #14532D; border: 1px solid #A7DDB8; }}
#notice[kind="warning"] {{ background: {WARNING_BG}; color: {WARNING_TEXT}; border: 1px solid #F3C969; }}
#notice[kind="error"] {{ background: #FEE2E2; color: #7F1D1D; border: 1px solid #F2AAAA; }}

QTableWidget, QListWidget {{
    background: {SURFACE}; border: none; gridline-color: transparent;
    selection-background-color: #DBE7FF; selection-color: {TEXT}; outline: none;
}}
QTableWidget::item, QListWidget::item {{ padding: 4px 6px; border-bottom: 1px solid #EDF1F5; }}
QTableWidget::item:selected, QListWidget::item:selected {{
    background: #DBE7FF; color: {TEXT}; border-left: 3px solid {PRIMARY};
}}
QListWidget::item:hover {{ background: #F1F5FB; }}
QListWidget::item:selected:hover {{ background: #D0DFFF; }}
QHeaderView::section {{
    background: {SURFACE}; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px 6px; font-weight: 700; font-size: 9pt;
}}
QLineEdit, QComboBox, QPlainTextEdit {{
    background: {SURFACE}; border: 1px solid #B8C3D1; border-radius: 8px; padding: 7px 10px;
    selection-background-color: #BFD3FF; selection-color: {TEXT};
}}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{ border: 2px solid {PRIMARY}; padding: 6px 9px; }}
QLineEdit:disabled, QComboBox:disabled {{ color: {MUTED}; background: #F3F5F8; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 30px; border: none;
}}
QComboBox::down-arrow {{ image: none; width: 0; height: 0; }}
QComboBox QAbstractItemView {{
    background: {SURFACE}; border: 1px solid {BORDER}; selection-background-color: #DBE7FF;
    selection-color: {TEXT}; outline: none; padding: 4px;
}}
QRadioButton {{ spacing: 8px; padding: 4px 0; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #C5CED9; border-radius: 4px; min-height: 30px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}

#loginPanel {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 16px; }}
#loginTitle {{ font-size: 18pt; font-weight: 700; }}
#loginHall {{ color: {MUTED}; font-size: 11pt; }}
#fieldLabel {{ color: {MUTED}; font-weight: 600; font-size: 9.5pt; }}
#errorText {{ color: #991B1B; background: #FEE2E2; border-radius: 8px; padding: 8px 10px; font-weight: 600; }}
#dialogTitle {{ font-size: 15pt; font-weight: 700; }}

#miniBar {{ border: 1px solid #9AA9BC; }}
#miniNumber {{ font-weight: 800; }}
#miniNumber[empty="true"] {{ color: #B6C2D1; }}
#grip {{ color: #94A3B8; font-size: 14pt; }}
"""
