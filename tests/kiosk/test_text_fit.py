"""Fitting names and loket lists into a few lines of a box (kiosk.text_fit), without a screen.

Wrapped at spaces (a list of loket only between whole numbers), set a little smaller before
anything is cut, and cut only after a whole word, with "…".
"""

from __future__ import annotations

from kiosk.text_fit import ELLIPSIS, fit_parts, fit_text, metrics_for


def test_a_name_too_long_for_its_lines_ends_after_a_whole_word(qapp) -> None:
    name = "Pencatatan Perkawinan dan Akta Perkawinan (Non-Muslim) bagi Warga Negara Asing"
    fit = fit_text(name, 300, 24, bold=True, lines=2)
    assert not fit.whole and len(fit.lines) == 2
    assert fit.lines[-1].endswith(ELLIPSIS)
    shown = " ".join(fit.lines).removesuffix(ELLIPSIS).split()
    assert shown == name.split()[: len(shown)], fit.lines  # whole words, in order
    metrics = metrics_for(24, bold=True)
    assert all(metrics.horizontalAdvance(line) <= 300 for line in fit.lines)


def test_a_long_name_is_set_smaller_before_it_is_elided(qapp) -> None:
    name = "Pencatatan Perkawinan dan Akta Perkawinan (Non-Muslim)"
    width = metrics_for(29, bold=True).horizontalAdvance(name) / 2.1  # just too long for two
    fit = fit_text(name, width, 29, bold=True, lines=2, min_size=24)
    assert fit.whole and fit.size < 29 and " ".join(fit.lines) == name
    assert not fit_text(name, width, 29, bold=True, lines=2).whole  # without shrinking: elided


def test_only_a_word_wider_than_the_box_is_cut(qapp) -> None:
    fit = fit_text("Pendaftaran/Reaktivasi/Pembaruan/Penonaktifan", 120, 24, lines=2)
    assert len(fit.lines) == 1 and fit.lines[0].endswith(ELLIPSIS) and not fit.whole


def test_a_loket_list_breaks_only_between_whole_numbers(qapp) -> None:
    parts = ["Loket 12", "13", "14", "15"]
    metrics = metrics_for(40, bold=True)
    widest = int(metrics.horizontalAdvance("Loket 12, 13, 14, 15")) + 2
    narrowest = int(metrics.horizontalAdvance("Loket 12,")) + 1
    seen = set()
    for width in range(widest, narrowest, -3):
        fit = fit_parts(parts, width, 40, bold=True, lines=4, min_size=40)
        assert fit.whole and fit.lines[0].startswith("Loket 12"), (width, fit.lines)
        for line in fit.lines:
            pieces = line.removesuffix(",").split(", ")
            assert all(piece in parts for piece in pieces), (width, fit.lines)
        assert " ".join(fit.lines) == "Loket 12, 13, 14, 15"
        seen.add(len(fit.lines))
    assert seen == {1, 2, 3}  # one line when it fits; at the narrowest "Loket 12," alone


def test_a_loket_list_is_set_smaller_before_it_breaks(qapp) -> None:
    parts = ["Loket 1", "2", "3"]
    full = metrics_for(40, bold=True).horizontalAdvance("Loket 1, 2, 3")
    fit = fit_parts(parts, full * 0.9, 40, bold=True, lines=3, min_size=30)
    assert fit.whole and fit.lines == ("Loket 1, 2, 3",) and fit.size < 40
    # Too narrow for one line even at 30 px: two lines, whole numbers, at full size.
    narrow = fit_parts(parts, full * 0.7, 40, bold=True, lines=3, min_size=30)
    assert narrow.whole and narrow.lines == ("Loket 1,", "2, 3") and narrow.size == 40


def test_a_phrase_too_wide_for_one_line_wraps_at_its_spaces(qapp) -> None:
    phrase = "Belum ada loket yang buka"
    width = metrics_for(40, bold=True).horizontalAdvance("Belum ada loket") + 1
    fit = fit_parts([phrase], width, 40, bold=True, lines=3, min_size=30)
    assert fit.whole and " ".join(fit.lines) == phrase and len(fit.lines) == 2
