"""Making exported text safe to open in a spreadsheet."""

# A spreadsheet reads a cell starting with one of these as a formula (tab and
# carriage return can hide one), which can run commands or leak data: CSV
# injection, see https://owasp.org/www-community/attacks/CSV_Injection
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would run as a formula."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
