from __future__ import annotations

import pytest

from kiosk.printing.charset import printable_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PRIORITAS – Lansia", "PRIORITAS - Lansia"),
        ("“Berlaku” hari ini…", '"Berlaku" hari ini...'),
        ("± 25 menit", "± 25 menit"),  # CP437 has ± (0xF1): kept
        ("Café Şişli Łódź", "Café Sisli ?ódz"),  # é and ó are in CP437; Ş loses its cedilla
        ("Loket\u00a03", "Loket 3"),
        ("窗口", "??"),
    ],
)
def test_text_is_reduced_to_cp437(text: str, expected: str) -> None:
    result = printable_text(text)
    assert result == expected
    result.encode("cp437")  # never raises
