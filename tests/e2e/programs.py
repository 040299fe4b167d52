"""Start Antre's installed programs as real processes, on a real X server or offscreen."""

from __future__ import annotations

import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SAMPLE_HALL = ROOT / "assets" / "halls" / "mpp-lampung-timur.toml"
MONDAY_MORNING = "2026-11-23T09:00:00+07:00"  # a weekday: the sample hall is open
QT_MESSAGE = re.compile(r"\bqt\.[\w.]+: ")  # e.g. qt.multimedia.symbolsresolver: Couldn't load…
READY_WITHIN_S = 10.0
EXIT_WITHIN_S = 5.0


def program(name: str) -> list[str]:
    """The command that starts ``name`` as installed (the demo: ``python -m demo``)."""
    if name == "demo":
        return [sys.executable, "-m", "demo"]
    return [str(BIN / f"antre-{name}")]


def prepare_hall(folder: Path) -> str:
    """A real SQLite file with the sample hall, made as a hall would make it."""
    url = f"sqlite:///{(folder / 'antre.db').as_posix()}"
    for args in (["db", "upgrade"], ["hall", "import", str(SAMPLE_HALL)]):
        subprocess.run(
            [str(BIN / "antre"), "--db", url, *args],
            check=True,
            capture_output=True,
            env=base_env(folder),
            timeout=60,
        )
    return url


def base_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTRE_", "QT_"))}
    env.update(
        ANTRE_DATA_DIR=str(folder / "data"),
        ANTRE_CONFIG=str(folder / "no-antre.toml"),
        ANTRE_NOW=MONDAY_MORNING,
        ANTRE_LANG="id",
    )
    env.pop("DISPLAY", None)
    return env


class Xvfb:
    """An X server of its own on a free display number, with no window manager."""

    def __init__(self, size: str = "1920x1080") -> None:
        self.binary = shutil.which("Xvfb")
        self.number = next(n for n in range(90, 400) if not _display_taken(n))
        self.display = f":{self.number}"
        self.size = size
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Xvfb:
        assert self.binary is not None
        self.process = subprocess.Popen(
            [self.binary, self.display, "-screen", "0", f"{self.size}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{self.number}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb {self.display} did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)


def _display_taken(number: int) -> bool:
    return Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists()


@dataclass
class Run:
    ready_line: str | None
    ready_after_s: float | None
    exit_code: int | None
    exit_after_s: float | None
    stderr: str

    def problems(self) -> list[str]:
        found = []
        if self.ready_line is None:
            found.append(f"no ready line within {READY_WITHIN_S:.0f} s")
        if self.exit_code is None:
            found.append(f"still running {EXIT_WITHIN_S:.0f} s after the signal")
        elif self.exit_code != 0:
            found.append(f"exit code {self.exit_code}")
        if "Traceback" in self.stderr:
            found.append("a traceback on stderr")
        if QT_MESSAGE.search(self.stderr):
            found.append("Qt's messages on the terminal (they belong in the native log)")
        return found


def start_and_stop(command: list[str], env: dict[str, str], stop: signal.Signals) -> Run:
    """Start, wait for ``ANTRE_…_READY`` on stdout, send ``stop``, wait for the exit."""
    started = time.monotonic()
    process = subprocess.Popen(
        [*command, "--report-ready"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    ready, ready_after = wait_for_ready(process, started)
    process.send_signal(stop)
    signalled = time.monotonic()
    try:
        _, err = process.communicate(timeout=EXIT_WITHIN_S)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        code = None
    return Run(ready, ready_after, code, time.monotonic() - signalled, err.decode(errors="replace"))


def wait_for_ready(
    process: subprocess.Popen[bytes], started: float
) -> tuple[str | None, float | None]:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    buffered = b""
    try:
        while (left := started + READY_WITHIN_S - time.monotonic()) > 0:
            if not selector.select(left):
                break
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                break
            buffered += chunk
            for line in buffered.decode(errors="replace").splitlines():
                if line.startswith("ANTRE_") and "_READY " in line:
                    return line, time.monotonic() - started
    finally:
        selector.close()
    return None, None


def wait_for_log(folder: Path, program_name: str, text: str, within_s: float) -> bool:
    """True once ``logs/<program>.log`` in ``folder``'s data dir (base_env) holds ``text``."""
    path = folder / "data" / "logs" / f"{program_name}.log"
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.05)
    return False
