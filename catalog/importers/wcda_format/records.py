"""The records the reader returns, and its error, which names file, line and field."""

from __future__ import annotations

from dataclasses import dataclass, field


def _locate(source: str, line: int | None, field_name: str, message: str) -> str:
    where = source if line is None else f"{source}, line {line}"
    return f"{where}, {field_name}: {message}"


class WCDAFormatError(ValueError):
    """A WCDA export that cannot be read, with the file, line and field where it went wrong."""

    def __init__(self, source: str, line: int | None, field: str, message: str):
        self.source = source
        self.line = line
        self.field = field
        self.message = message
        super().__init__(_locate(source, line, field, message))


@dataclass
class Located:
    """A value with the 1-based line of the file where it starts."""

    value: str
    line: int


@dataclass
class Citation:
    """The citation WCDA prints under "Citation:", split into its parts where possible."""

    text: str  # the citation paragraph, wrapped lines joined by one space, URL excluded
    quoted_title: str = ""
    date_text: str = ""
    publisher: str = ""
    reference: str = ""  # archival reference as printed, without its final full stop
    credits: str = ""  # "Translated for CWIHP by Bernd Schaefer."
    translator: str = ""  # the translators' names as printed: "A and B"
    translators: list[str] = field(default_factory=list)  # ["A", "B"]
    commissioned_by: str = ""  # "CWIHP" in "Translated for CWIHP by ..."
    source_language: str = ""  # "German" in "Translated from German ..."


@dataclass
class WCDARecord:
    """One WCDA export, read but not interpreted."""

    source: str
    date: Located  # value "" (line of the title) when the export has no date line
    title: Located
    citation: Citation | None = None
    citation_line: int | None = None
    url: str = ""
    record_id: str = ""
    summary: str = ""
    original_languages: list[str] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    associated: list[str] = field(default_factory=list)
    rights: str = ""
    extra_sections: dict[str, str] = field(default_factory=dict)
    section_lines: dict[str, int] = field(default_factory=dict)  # "subjects" -> its label's line
    text_kind: str = "translation"
    text_language: str = ""
    place_date_line: str = ""
    classification: str = ""  # every marking, one a line: "Top Secret\nOf Special Importance"
    editorial_notes: list[str] = field(default_factory=list)  # "[Stamp: received 3.3.86]"
    heading: str = ""
    front: list[str] = field(default_factory=list)  # the blocks before the paragraphs
    paragraphs: list[Located] = field(default_factory=list)
    body_text: str = ""
    warnings: list[str] = field(default_factory=list)

    def paragraph_offsets(self) -> list[int]:
        """Character offset in body_text at which each paragraph starts."""
        offset = sum(len(part) + 2 for part in self.front)
        offsets = []
        for paragraph in self.paragraphs:
            offsets.append(offset)
            offset += len(paragraph.value) + 2
        return offsets
