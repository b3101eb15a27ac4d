"""Sections and blocks: how the lines of an export fall into labelled sections and the body's
blocks, and which block is what."""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.importers.wcda_format.records import Located
from catalog.importers.wcda_format.vocabulary import (
    _CLASSIFICATIONS,
    _LABEL_RE,
    _LABEL_WORD_RE,
    _LINE_DATE_RE,
    _MARKING_TAIL_RE,
    _PLACE_RE,
    _SECTION_FIELDS,
)


@dataclass
class _Section:
    label: str  # as printed, without the colon
    field: str  # record field it fills, "" for extra_sections
    line: int
    lines: list[tuple[int, str]]  # (line number, text) of its content


def _blocks(lines: list[tuple[int, str]]) -> list[Located]:
    """Group lines into blocks separated by blank lines; trailing whitespace is removed."""
    blocks: list[Located] = []
    current: list[str] = []
    start = 0
    for number, text in [*lines, (0, "")]:
        text = text.rstrip()
        if text:
            if not current:
                start = number
            current.append(text)
        elif current:
            blocks.append(Located("\n".join(current), start))
            current = []
    return blocks


def _section_text(section: _Section) -> str:
    return "\n\n".join(
        "\n".join(line.strip() for line in block.value.split("\n"))
        for block in _blocks(section.lines)
    )


def _section_items(section: _Section, separators: str | None = None) -> list[str]:
    """One item a line, and several on a line when separators (a regex) is given."""
    items = []
    for _, text in section.lines:
        parts = re.split(separators, text) if separators else [text]
        items.extend(part.strip() for part in parts if part.strip())
    return items


def _is_label(text: str, known_only: bool) -> re.Match[str] | None:
    if ":" not in text:  # most lines: answered without a regular expression
        return None
    match = _LABEL_RE.fullmatch(text.strip())
    if not match:
        return None
    if match["label"].lower() in _SECTION_FIELDS:
        return match
    # Unknown labels carry nothing after the colon and are Title Case, so that a summary line
    # such as "The following were present:" is not taken for one.
    words = match["label"].split()
    if known_only or match["rest"] or len(words) > 5:
        return None
    return match if all(_LABEL_WORD_RE.fullmatch(word) for word in words) else None


def _looks_like_place_date(block: str) -> bool:
    if "\n" in block or len(block) > 80:
        return False
    # Editors bracket what they supply or doubt: "Berlin, [early] 1983", "[Moscow], 1983?".
    text = re.sub(r"[\[\]?]", "", block).strip()
    if _LINE_DATE_RE.fullmatch(text):
        return True
    place, comma, date = text.partition(",")
    return bool(comma and _PLACE_RE.fullmatch(place) and _LINE_DATE_RE.fullmatch(date.strip()))


def _looks_like_classification(block: str) -> bool:
    if block.count("\n") > 2 or len(block) > 120:
        return False
    first = block.strip().split("\n")[0].casefold()
    return any(
        first.startswith(marking) and _MARKING_TAIL_RE.match(first[len(marking) :])
        for marking in _CLASSIFICATIONS
    )


def _is_bracketed(block: str) -> bool:
    """An editor's note or heading: "[Memorandum of conversation]", "[Stamp: received]"."""
    text = block.strip()
    return text.startswith("[") and text.endswith("]") and len(text) <= 300


def _looks_like_heading(block: str) -> bool:
    return "\n" not in block and len(block) <= 200 and not block.rstrip().endswith(tuple(".!?;:,"))


_NOT_ALNUM_RE = re.compile(r"[\W_]+")


def _comparable(text: str) -> str:
    return _NOT_ALNUM_RE.sub("", text.casefold())


def _text_version(contents: list[str], original_languages: list[str]) -> tuple[str, str, int]:
    """Which item of Contents the body is: (kind, language, number of text items listed)."""
    versions: dict[str, str] = {}
    for item in contents:
        kind_part, *rest = re.split(r"\s*[-–—:]\s*", item, maxsplit=1)
        kind_part, language = kind_part.lower(), "".join(rest)
        if "translation" in kind_part:
            kind = "translation"
        elif "transcript" in kind_part:
            kind = "transcript"
        elif kind_part in ("original", "original text", "original document"):
            kind = "original"
        else:  # scans, audio, images: not the text printed below
            continue
        versions.setdefault(kind, language.strip())
    # The body is the translation when there is one, since that is what WCDA displays.
    for kind in ("translation", "transcript", "original"):
        if kind in versions:
            language = versions[kind]
            if not language and kind != "translation" and len(original_languages) == 1:
                language = original_languages[0]
            return kind, language, len(versions)
    return "translation", "", 0
