"""Archival references: where the original of a document is kept, as cited and as parsed.

``parser`` reads a reference as written ("BStU, ZA, HA X 104, pp. 49-51") into its parts;
it is the only place of the project that knows the forms references take.
"""

from catalog.references.parser import (
    ARCHIVES,
    ParsedReference,
    find_reference,
    parse_reference,
)

__all__ = ["ARCHIVES", "ParsedReference", "find_reference", "parse_reference"]
