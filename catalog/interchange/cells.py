"""How one value is written in one CSV cell, and read back.

- Empty cells stand for blank text and for missing links (NULL).
- Several values in one cell (many-to-many links) are joined by `` | ``; a ``|`` or ``\\``
  inside a value is escaped with a backslash, so that any value survives the round trip.
- Every cell goes through ``catalog.exports.safety``: formula-like values get a leading quote
  on export, removed again on import.
"""

from catalog.exports.safety import neutralise_formula, restore_formula

SEPARATOR = " | "


def join_values(values) -> str:
    escaped = (str(v).replace("\\", "\\\\").replace("|", "\\|") for v in values)
    return SEPARATOR.join(escaped)


def split_values(cell: str) -> list[str]:
    """The values of a multi-valued cell, unescaped; blanks around separators are ignored."""
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "|":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


def to_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise_formula(str(value))


def from_cell(cell: str | None) -> str:
    return restore_formula(cell or "")
