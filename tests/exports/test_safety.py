"""Formula neutralisation in CSV exports, and its inverse for the catalog's own imports."""

import pytest

from catalog.exports.safety import neutralise_formula, restore_formula


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'already quoted", "''already quoted"),
        ("Berlin, 27 February 1986", "Berlin, 27 February 1986"),
        ("", ""),
    ],
)
def test_formula_like_cells_get_a_quote_and_come_back_unchanged(value, written):
    assert neutralise_formula(value) == written
    assert restore_formula(written) == value


def test_a_quote_typed_by_hand_before_plain_text_is_kept():
    assert restore_formula("'hello") == "'hello"
    assert restore_formula("'") == "'"
