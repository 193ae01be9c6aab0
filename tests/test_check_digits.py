"""The patent check digit, computed from the digits' bytes on the usual path, agrees with the rule
written plainly (sum of digit × weight, mod 11, 10 written X), for ASCII and other decimal digits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ipcounty.returns.identifiers import parse_patent, patent_check_digit
from ipcounty.returns.layout import cell_name


def _plain(digits: str) -> str:
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)[: len(digits)]
    r = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if r == 10 else str(r)


@settings(max_examples=200, deadline=None)
@given(digits=st.from_regex(r"\A(\d{12}|\d{8})\Z", fullmatch=True))
def test_check_digit_agrees_with_the_rule(digits: str) -> None:
    assert patent_check_digit(digits) == _plain(digits)


def test_a_valid_number_is_read_and_a_wrong_digit_named() -> None:
    assert parse_patent("ZL201710601862.3").value == "201710601862.3"
    wrong = parse_patent("ZL201710601862.4")
    assert (wrong.problem, wrong.detail) == ("patent-check-digit", "3")


@settings(max_examples=200, deadline=None)
@given(row=st.integers(0, 1_048_575), col=st.integers(0, 16_383))
def test_cell_names_agree_with_the_column_arithmetic(row: int, col: int) -> None:
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    assert cell_name(row, col) == f"{letters}{row + 1}"
