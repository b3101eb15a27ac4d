"""Keep CSV cells from running as spreadsheet formulas (CSV/formula injection).

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return) as a formula. ``neutralise_formula`` puts a single quote in front of
such a cell, which spreadsheets show as text. So that the catalog's own imports get back exactly
what was exported, a value that already begins with a quote gets another one, and
``restore_formula`` removes one quote when a second character shows that the export added it:

    "=SUM(A1)" -> "'=SUM(A1)" -> "=SUM(A1)"
    "'quoted"  -> "''quoted"  -> "'quoted"
    "'hello"   (typed by hand) stays "'hello"
"""

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_PREFIXED = (*DANGEROUS, "'")


def neutralise_formula(value: str) -> str:
    """The cell as written to a CSV file: formula-like values are prefixed with a quote."""
    if value and value.startswith(_PREFIXED):
        return "'" + value
    return value


def restore_formula(value: str) -> str:
    """The value a neutralised cell stood for: the inverse of ``neutralise_formula``."""
    if len(value) > 1 and value[0] == "'" and value[1] in _PREFIXED:
        return value[1:]
    return value
