"""core/ type-checks: mypy, configured in pyproject.toml ([tool.mypy]), finds nothing."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_error_in_core(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # the configuration names the packages relative to the root
    report, errors, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path)]
    )
    assert status == 0, report + errors
