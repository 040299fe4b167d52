"""This screen's own settings: zones, media folder, logo, sound — file first, then the command line.

Device settings (core.config) give the database, hall, language and ``[display] zones``. The
rest of the ``[display]`` table is read here, from the same file:

    [display]
    zones = ["Lantai 1"]
    media = "D:/Antre/media"        # images and videos, played in a loop
    logo = "D:/Antre/logo.png"      # this screen only; else the hall's logo (hall file)
    accent = "#0B57B0"              # the hall's colour for the board's chrome
    image_seconds = 10
    video_volume = 0.6
    voice = "id"                    # a speech-engine voice id; empty: the best Indonesian voice
    rate = 140                      # words per minute
    volume = 1.0
    repeat = 1                      # 1–3 times per call
    sound = "speech"                # "speech", "chime" (no speech) or "off"

The board shows the hall's logo, which the hall file sets once for every PC (``[hall] logo``,
stored in the database). ``logo`` (or ``--logo``) overrides it on this screen only, e.g. with
an SVG for a very large screen; a file that cannot be shown leaves the hall's logo in place.
"""

from __future__ import annotations

import argparse
import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.config import DeviceSettings
from core.errors import ConfigError
from core.language import LANGUAGES
from display.announcer.speech import SpeechSettings
from ui import command_line

log = logging.getLogger(__name__)

SOUNDS = ("speech", "chime", "off")


@dataclass(frozen=True)
class DisplayOptions:
    database_url: str
    hall: str | None = None
    zones: tuple[str, ...] = ()
    language: str = "id"
    media: Path | None = None
    logo: Path | None = None
    accent: str | None = None
    image_seconds: float = 10.0
    video_volume: float = 0.6
    sound: str = "speech"
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    windowed: bool = False
    size: tuple[int, int] | None = None
    screen: int | None = None
    report_ready: bool = False
    quit_after_ready: bool = False


def parser() -> argparse.ArgumentParser:
    p = command_line.parser("antre-display", "Antre: the hall screen (board, chime and speech)")
    say = command_line.say
    p.add_argument("--database", help=say("database URL (default: device settings / ANTRE_DB)"))
    p.add_argument("--hall", help=say("hall code, when the database holds several"))
    p.add_argument(
        "--zone",
        action="append",
        default=[],
        help=say("show only the counters of this zone (repeat for several)"),
    )
    p.add_argument("--media", type=Path, help=say("folder of images and videos to play in a loop"))
    p.add_argument(
        "--logo",
        type=Path,
        help=say("a logo for this screen instead of the hall's (PNG, JPG or SVG)"),
    )
    p.add_argument("--lang", choices=LANGUAGES, help=say("language of the board"))
    p.add_argument("--sound", choices=SOUNDS, help=say("speech (default), chime only, or off"))
    p.add_argument("--windowed", action="store_true", help=say("a window instead of full screen"))
    p.add_argument("--size", help=say("window size, e.g. 1920x1080 (with --windowed)"))
    p.add_argument("--screen", type=int, help=say("which monitor to fill (0, 1, …)"))
    p.add_argument("--report-ready", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--quit-after-ready", action="store_true", help=argparse.SUPPRESS)
    return p


def _display_table(settings: DeviceSettings) -> dict[str, Any]:
    if settings.source is None:
        return {}
    try:
        raw = tomllib.loads(settings.source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError("config_invalid", path=str(settings.source), problem=str(error)) from None
    table = raw.get("display", {})
    return table if isinstance(table, dict) else {}


def _size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(part) for part in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise ConfigError("config_invalid", path="--size", problem=f'"{text}" is not WxH') from None
    return (max(320, w), max(240, h))


def _path(value: Any) -> Path | None:
    return Path(str(value)).expanduser() if value else None


def load_options(argv: list[str], settings: DeviceSettings) -> DisplayOptions:
    """Options from the device settings, the file's [display] table and ``argv``."""
    return options_from(parser().parse_args(argv), settings)


def options_from(args: argparse.Namespace, settings: DeviceSettings) -> DisplayOptions:
    """Options from the device settings, the file's [display] table and parsed arguments."""
    table = _display_table(settings)
    where = str(settings.source or "[display]")

    def get(key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = table.get(key, default)
        if value is not default and not isinstance(value, kind):
            raise ConfigError("config_invalid", path=where, problem=f"display.{key}: wrong type")
        return value

    sound = args.sound or get("sound", str, "speech")
    if sound not in SOUNDS:
        raise ConfigError(
            "config_invalid",
            path=where,
            problem=f'display.sound "{sound}" must be one of {", ".join(SOUNDS)}',
        )
    language = args.lang or settings.language
    try:
        speech = SpeechSettings(
            voice=get("voice", str, "") or None,
            rate=int(get("rate", int, 140)),
            volume=float(get("volume", (int, float), 1.0)),
            repeat=int(get("repeat", int, 1)),
            language=language,
        )
    except ValueError as error:
        raise ConfigError("config_invalid", path=where, problem=str(error)) from None
    return DisplayOptions(
        database_url=args.database or settings.database_url,
        hall=args.hall or settings.hall,
        zones=tuple(args.zone) or settings.zones,
        language=language,
        media=args.media or _path(get("media", str, "")),
        logo=args.logo or _path(get("logo", str, "")),
        accent=get("accent", str, "") or None,
        image_seconds=float(get("image_seconds", (int, float), 10.0)),
        video_volume=max(0.0, min(1.0, float(get("video_volume", (int, float), 0.6)))),
        sound=sound,
        speech=speech,
        windowed=args.windowed or args.size is not None,
        size=_size(args.size),
        screen=args.screen,
        report_ready=args.report_ready,
        quit_after_ready=args.quit_after_ready,
    )
