"""What the CSV importer says about a file that is not UTF-8.

Files are read as UTF-8, with or without a byte-order mark. A file in another encoding
(UTF-16 from a spreadsheet's "Unicode text", Latin-1 or Windows-1252 from an older one) is
refused with the file, the line and the first byte that is not UTF-8, rather than imported
with its letters garbled.
"""

from __future__ import annotations

import codecs
from pathlib import Path

ADVICE = "save it as UTF-8 (with or without byte-order mark) and import it again"
_WIDE_MARKS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def wide_encoding(path: Path) -> str | None:
    """'UTF-16' or 'UTF-32' when the file starts with that encoding's byte-order mark."""
    with path.open("rb") as file:
        start = file.read(4)
    for mark, name in _WIDE_MARKS.items():  # UTF-32 first: its LE mark starts like UTF-16's
        if start.startswith(mark):
            return name
    return None


def first_bad_byte(path: Path, chunk_size: int = 1 << 16) -> tuple[int, int] | None:
    """(line, byte value) of the first byte that is not UTF-8, or None; lines count from 1."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as file:
        while chunk := file.read(chunk_size):
            # The decoder may hold back the start of a sequence from the chunk before.
            held = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                position = error.start - held
                line += chunk[: max(position, 0)].count(b"\n")
                return line, error.object[error.start]
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            return line, error.object[error.start]
    return None


def not_utf8_reason(path: Path) -> tuple[int, str]:
    """The line to name and why, for a file whose reading failed to decode."""
    wide = wide_encoding(path)
    if wide:
        return 1, f"This file is {wide}, not UTF-8: {ADVICE}."
    found = first_bad_byte(path)
    line, byte = found if found else (1, 0)
    return line, (
        f"Line {line} is not UTF-8 (byte 0x{byte:02x}, perhaps Latin-1 or Windows-1252): {ADVICE}."
    )
