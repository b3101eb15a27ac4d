"""Reading an export's bytes: UTF-8 (BOM allowed) and nothing else, never a binary file."""

from __future__ import annotations

import re

from catalog.importers.wcda_format.records import WCDAFormatError

_BOM = b"\xef\xbb\xbf"
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_ACCEPTED = "accepted encodings are UTF-8 and UTF-8 with BOM"


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _binary_at(text: str) -> int | None:
    """Where binary data starts in text (a str, or bytes read as Latin-1), or None.

    Text never contains C0 controls other than tab, newlines and form feed; binary data is
    full of them, so their share in the first 8 KB tells a PDF or a picture from a text file,
    and a NUL anywhere does too. The answer is the offset of the first control character.
    """
    sample = text[:8192]
    controls = _CONTROL_RE.findall(sample)
    if "\x00" not in text and len(controls) <= 0.05 * max(len(sample), 1):
        return None
    first = _CONTROL_RE.search(text)
    return first.start() if first else 0


def _binary_error(
    source: str, text: str, offset: int, byte_offset: int, line: int
) -> WCDAFormatError:
    return WCDAFormatError(
        source,
        line,
        "file",
        f"not a text file (binary data: control character 0x{ord(text[offset]):02X} "
        f"at byte {byte_offset})",
    )


def decode_wcda_bytes(data: bytes, source: str) -> str:
    """Decode an export's bytes as UTF-8 (BOM allowed), refusing anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WCDAFormatError(source, 1, "encoding", f"the file is UTF-16; {_ACCEPTED}")
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if not data.strip():
        raise WCDAFormatError(source, None, "file", "file is empty")
    as_bytes = data.decode("latin-1")  # one character a byte, so offsets are byte offsets
    binary = _binary_at(as_bytes)
    if binary is not None:
        line = len(_NEWLINE_RE.findall(as_bytes, 0, binary)) + 1
        raise _binary_error(source, as_bytes, binary, binary, line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - line_start + 1
        raise WCDAFormatError(
            source,
            line,
            "encoding",
            f"byte 0x{data[err.start]:02X} at column {column} is not UTF-8; {_ACCEPTED} "
            "(save the file as UTF-8 and try again)",
        ) from None
