"""``--help`` of every window program: no screen needed, Bahasa Indonesia by default, no markup,
and nothing but the help: none of Qt's messages (QtMultimedia's pipewire lines came with it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
PROGRAMS = {
    "antre-display": [str(BIN / "antre-display")],
    "antre-kiosk": [str(BIN / "antre-kiosk")],
    "antre-counter": [str(BIN / "antre-counter")],
    "demo": [sys.executable, "-m", "demo"],
}
OPTION_NAMES = re.compile(r"--?[\w-]+|\b[A-Z_]{2,}\b")  # --size SIZE: the same in both
ENGLISH = re.compile(r"\b(the|of|this|with|show|window|database|screen)\b")
MARKUP = re.compile(r"``|%\(|<[a-z/][^>]*>|&[a-z]+;|\*\*")


def _run_without_a_screen(
    command: list[str], lang: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "ANTRE_LANG"))}
    env.pop("DISPLAY", None)  # no screen at all, and no offscreen platform either
    env.pop("WAYLAND_DISPLAY", None)
    if lang:
        env["ANTRE_LANG"] = lang
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


def _help(command: list[str], lang: str | None) -> subprocess.CompletedProcess[str]:
    return _run_without_a_screen([*command, "--help"], lang)


def _the_one_error_after_the_usage(name: str, stderr: str) -> str:
    """argparse's usage (its first line, then indented ones) and one error line: nothing else."""
    first, *more, error = stderr.splitlines()
    assert first.startswith(f"cara pakai: {name}"), stderr
    assert all(line.startswith(" ") for line in more), stderr
    return error


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_help_is_in_indonesian_without_a_screen(name: str) -> None:
    done = _help(PROGRAMS[name], None)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"cara pakai: {name}"), done.stdout
    assert "pilihan:" in done.stdout
    assert "tampilkan bantuan ini lalu keluar" in done.stdout
    assert not MARKUP.search(done.stdout), done.stdout
    assert done.stderr == ""
    english_only = [
        line
        for line in done.stdout.splitlines()[1:]
        if re.search(ENGLISH, re.sub(OPTION_NAMES, "", line))
    ]
    assert not english_only, english_only


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_help_is_in_english_with_antre_lang_en(name: str) -> None:
    done = _help(PROGRAMS[name], "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: {name}"), done.stdout
    assert "show this help message and exit" in done.stdout
    assert not MARKUP.search(done.stdout), done.stdout
    assert done.stderr == ""


def test_a_usage_error_is_said_in_indonesian_by_the_program() -> None:
    done = _run_without_a_screen([str(BIN / "antre-display"), "--sound", "loud"])
    assert done.returncode == 2
    error = _the_one_error_after_the_usage("antre-display", done.stderr)
    assert error.startswith("antre-display: --sound: 'loud' tidak ada dalam pilihan"), error


def test_the_demo_refuses_an_unknown_window_in_indonesian() -> None:
    done = _run_without_a_screen([*PROGRAMS["demo"], "--windows", "kiosk,tv"])
    assert done.returncode == 2
    error = _the_one_error_after_the_usage("demo", done.stderr)
    assert error == "demo: --windows: pilih dari kiosk, counter, display (bukan tv)"
