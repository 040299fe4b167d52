"""Device-local settings: which database, which hall, and what this PC is.

Read once at start-up from a small TOML file in the user's config directory
(``ANTRE_CONFIG`` names another), then overridden by environment variables:
``ANTRE_DB``, ``ANTRE_HALL``, ``ANTRE_LANG``, ``ANTRE_KIOSK``, ``ANTRE_PRINTER``,
``ANTRE_PAPER``, ``ANTRE_COUNTER``, ``ANTRE_ZONES`` (comma-separated), ``ANTRE_DATA_DIR``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from core.errors import ConfigError
from core.language import LANGUAGES

APP = "antre"
PAPERS = ("58mm", "80mm", "80mm-42col")  # the names kiosk/printing uses


def data_dir(env: Mapping[str, str] = os.environ) -> Path:
    return Path(env.get("ANTRE_DATA_DIR") or platformdirs.user_data_dir(APP, appauthor=False))


def default_database_url(env: Mapping[str, str] = os.environ) -> str:
    return f"sqlite:///{(data_dir(env) / 'antre.db').as_posix()}"


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    if env.get("ANTRE_CONFIG"):
        return Path(env["ANTRE_CONFIG"])
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "antre.toml"


@dataclass(frozen=True)
class KioskSettings:
    name: str = "kiosk-1"
    printer: str = "none"
    paper: str = "80mm"
    on_screen_fallback: bool = True
    admin_pin: str = "1234"


@dataclass(frozen=True)
class DeviceSettings:
    database_url: str
    hall: str | None = None
    language: str = "id"
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    counter: int | None = None
    zones: tuple[str, ...] = ()
    source: Path | None = None


def load_settings(path: Path | None = None, env: Mapping[str, str] = os.environ) -> DeviceSettings:
    """Settings from the file (if any) with environment overrides; bad values raise ConfigError."""
    path = path or config_path(env)
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigError("config_invalid", path=str(path), problem=str(error)) from None
    where = str(path)

    def pick(env_key: str, section: Mapping[str, Any], key: str, kind: type, default: Any) -> Any:
        if env.get(env_key):
            value: Any = env[env_key]
            if kind is int:
                try:
                    return int(value)
                except ValueError:
                    raise ConfigError(
                        "config_invalid", path=env_key, problem=f'"{value}" is not a whole number'
                    ) from None
            if kind is bool:
                return value.strip().lower() in ("1", "true", "yes", "ya")
            return value
        value = section.get(key, default)
        if value is not default and not isinstance(value, kind):
            raise ConfigError(
                "config_invalid", path=where, problem=f"{key} must be {kind.__name__}"
            )
        return value

    kiosk_raw = raw.get("kiosk", {})
    counter_raw = raw.get("counter", {})
    display_raw = raw.get("display", {})
    for name, section in (("kiosk", kiosk_raw), ("counter", counter_raw), ("display", display_raw)):
        if not isinstance(section, dict):
            raise ConfigError("config_invalid", path=where, problem=f"[{name}] must be a table")
    kiosk = KioskSettings(
        name=pick("ANTRE_KIOSK", kiosk_raw, "name", str, KioskSettings.name),
        printer=pick("ANTRE_PRINTER", kiosk_raw, "printer", str, KioskSettings.printer),
        paper=pick("ANTRE_PAPER", kiosk_raw, "paper", str, KioskSettings.paper),
        on_screen_fallback=pick(
            "ANTRE_ON_SCREEN_FALLBACK", kiosk_raw, "on_screen_fallback", bool, True
        ),
        admin_pin=pick("ANTRE_ADMIN_PIN", kiosk_raw, "admin_pin", str, KioskSettings.admin_pin),
    )
    if kiosk.paper not in PAPERS:
        raise ConfigError(
            "config_invalid",
            path=where,
            problem=f'paper "{kiosk.paper}" must be one of {", ".join(PAPERS)}',
        )
    language = pick("ANTRE_LANG", raw, "language", str, "id")
    if language not in LANGUAGES:
        raise ConfigError(
            "config_invalid", path=where, problem=f'language "{language}" must be id or en'
        )
    zones_env = env.get("ANTRE_ZONES")
    zones = (
        tuple(z.strip() for z in zones_env.split(",") if z.strip())
        if zones_env
        else tuple(display_raw.get("zones", ()))
    )
    return DeviceSettings(
        database_url=pick("ANTRE_DB", raw, "database", str, None) or default_database_url(env),
        hall=pick("ANTRE_HALL", raw, "hall", str, None),
        language=language,
        kiosk=kiosk,
        counter=pick("ANTRE_COUNTER", counter_raw, "number", int, None),
        zones=zones,
        source=path if path.exists() else None,
    )
