"""The text format of documents exported from the Wilson Center Digital Archive (WCDA).

This module only reads the format; it imports nothing from Django. Dates and archival references
are kept as printed: catalog/dates.py and catalog/references.py interpret them.

An export looks like this (blank lines between the parts; "<- ..." are notes, not in the file)::

    February 28, 1986                       <- date as printed; may be "1986", "c. 1986"

    **Relations between the Ministry for    <- title between ** and **, may wrap over lines
    State Security of the GDR ...**

    Citation:                               <- labelled sections: "Label:" on its own line
                                               (a known label may also carry its value)

    "Title", February 28, 1986, Wilson Center Digital Archive, BStU, ZA, HA X 104, pp. 49-51.
    Translated for CWIHP by Bernd Schaefer.
    <https://digitalarchive.wilsoncenter.org/document/122923>     <- angle brackets optional

    Summary:
    Original Language:                      <- "German" or "German, Russian", or one a line
    Subjects Discussed: / Associated Places: / Associated People & Organizations: / Rights: /
    Credits: / Record ID: / Language: / Original Archive: / any other "Label:" line

    Contents:                               <- always the last section

    Translation - English                   <- one item a line ("Original Scan", ...)

    Berlin, 27 February 1986                <- body: optional place and date line (the date
                                               may be partial: "Berlin, early 1983"),
    Strictly Confidential                   <-   classification markings, one or several,
    [Memorandum of Conversation]            <-   editorial notes in brackets,
    Relations between the MfS ...           <-   optional heading (one line, no final stop,
                                               or the first bracketed note),
    Since 1969 counterintelligence ...      <-   paragraphs separated by blank lines; in a
                                               conversation a speaker's "NAME:" line
                                               stands before each speech

Section labels are the known ones (_SECTION_FIELDS) wherever they stand before the body, and
other Title Case "Label:" lines only where a known label follows them: a "Mielke:" line after
the last known label is a speaker in the document's text, not a section.

Line endings may be LF, CRLF or CR; a UTF-8 byte order mark is allowed. Any other encoding is
refused rather than guessed, because a wrong guess silently corrupts names.

body_text, the document text as the catalog stores it, is defined as: the blocks of the body
(the place and date line, the classifications, editorial notes, the heading and the
paragraphs, in the order of the file), each block being its lines with trailing whitespace
removed and joined by "\\n", the blocks joined by "\\n\\n". WCDARecord.paragraph_offsets()
gives where each paragraph starts.

parse_wcda() raises WCDAFormatError for input it cannot read (empty, binary, no title,
truncated, no body); oddities it can live with are returned in WCDARecord.warnings. Both have
the form "source, line N, field: message".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Citation",
    "Located",
    "WCDAFormatError",
    "WCDARecord",
    "decode_wcda_bytes",
    "parse_wcda",
    "read_wcda_file",
]


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


# --- reading the file ------------------------------------------------------------------------

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


def read_wcda_file(path: str | os.PathLike[str]) -> WCDARecord:
    """Read and parse one export file; errors name the file by its name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise WCDAFormatError(path.name, None, "file", f"cannot be read: {err.strerror}") from None
    return parse_wcda(decode_wcda_bytes(data, path.name), path.name)


# --- the parts of the format -----------------------------------------------------------------

# Known labels, by how they are printed, and the record field they fill. Labels without a field
# ("Credits", "Language", "Original Archive") and unknown labels go to extra_sections.
_SECTION_FIELDS = {
    "citation": "citation",
    "summary": "summary",
    "original language": "original_languages",
    "original languages": "original_languages",
    "subjects discussed": "subjects",
    "associated places": "places",
    "associated people & organizations": "associated",
    "associated people and organizations": "associated",
    "rights": "rights",
    "record id": "record_id",
    "credits": "",
    "language": "",
    "original archive": "",
    "contents": "contents",
}
_LABEL_RE = re.compile(r"(?P<label>[A-Z][A-Za-z&/' -]{0,48}[A-Za-z]):(?:[ \t]+(?P<rest>\S.*))?")
_LABEL_WORD_RE = re.compile(r"[A-Z][\w'/-]*|&|and|of|the|for|in")

# Items of "Contents:": "Translation - English", "Original Scan", "Transcript - German".
_CONTENT_ITEM_RE = re.compile(
    r"(?:Original(?:\s+(?:Scan|Transcript|Text|Document))?|Translation|Transcript|Scan|Audio"
    r"|Video|Image|Photograph|Map)s?(?:\s*[-–—:]\s*[A-Z][^.]{0,40})?",
)

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# Words that make a date approximate or partial: "early 1983", "mid-1983", "Ende Februar 1983".
_DATE_QUALIFIER = (
    r"(?:(?:early|mid|late|beginning of|end of|middle of|first half of|second half of"
    r"|spring|summer|autumn|fall|winter|around|about|circa|ca\.|c\.|before|after|not before"
    r"|not after|anfang|mitte|ende|frühjahr|sommer|herbst|winter|um|vor|nach|den|the)"
    r"(?:\s+|-|\s*(?=\d)))*"
)
# The date part of a place and date line: "27 February 1986", "February 27, 1986",
# "den 27. Februar 1986", "27.2.1986", "12.III.1953", "1986", "early 1983", "1982/83".
# Only recognised, never parsed.
_LINE_DATE_RE = re.compile(
    rf"{_DATE_QUALIFIER}(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s*)?"
    r"(?:[A-Za-zäöüé]+\.?|[IVX]{1,4}\.|\d{1,2}\.)?\s*(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?"
    rf"{_YEAR}(?:\s*[-–/]\s*(?:\d\d|{_YEAR}))?\.?"
    r"|undated|no date|n\.\s?d\.|date unknown|ohne datum|o\.\s?d\.",
    re.IGNORECASE,
)
_PLACE_RE = re.compile(r"[^\d,.;:!?]{1,40}")

# Classification markings, in English and in the languages of the archives we draw on.
_CLASSIFICATIONS = (
    "strictly confidential",
    "top secret",
    "top-secret",
    "strictly secret",
    "absolutely secret",
    "secret",
    "confidential",
    "for official use only",
    "official use only",
    "eyes only",
    "restricted",
    "streng geheim",
    "geheime verschlußsache",
    "geheime verschlusssache",
    "geheime kommandosache",
    "geheim",
    "vertrauliche verschlußsache",
    "vertrauliche verschlusssache",
    "vertraulich",
    "nur für den dienstgebrauch",
    "совершенно секретно",
    "секретно",
    "sovershenno sekretno",
    "ściśle tajne",
    "tajne",
    "poufne",
    "přísně tajné",
    "tajné",
    "szigorúan titkos",
    "titkos",
    "strogo poverljivo",
    "poverljivo",
    # Further markings that stand in a block of their own under the first.
    "of special importance",
    "special file",
    "personal",
    "single copy",
    "only copy",
    "copy no",
    "особой важности",
    "особая папка",
    "лично",
)
# What may follow a marking on its line: punctuation, a number or a copy number, so that a
# heading such as "Secret talks with Iraq" is not taken for a classification.
_MARKING_TAIL_RE = re.compile(
    r"$|\s*[!.,;:(\[/–—-]|\s*\d|\s+(?:copy|no\.|nr\.|ex\.|exemplar|of special importance"
    r"|special file|gvs|vvs|mfs)\b",
    re.IGNORECASE,
)

# Citation: "Title", date, Publisher Digital Archive, reference. Credits. (the comma may also
# sit inside the quotes, and the quotes may be curly).
_CITATION_RE = re.compile(r"[\"“„](?P<title>.+?)(?:,[\"”“]|[\"”“],)\s*(?P<rest>.*)", re.DOTALL)
_PUBLISHER_RE = re.compile(
    r"(?:^|,\s*)(?P<publisher>(?:(?:[A-Z][\w.'&-]*|and|of|the|for)\s+){0,8}Digital Archive)"
    r"(?=,|\.|\s*$)"
)
_CREDIT_VERBS = (
    r"(?:Translated|Obtained|Contributed|Transcribed|Provided|Donated|Acquired|Courtesy"
    r"|Edited|Annotated)"
)
_CREDITS_START_RE = re.compile(rf"(?:^|(?<=[.;,]))\s*(?={_CREDIT_VERBS}\b)")
_TRANSLATED_RE = re.compile(
    r"\b[Tt]ranslated(?:\s+and\s+[a-z]+ed)?"
    r"(?:\s+from\s+(?:the\s+)?(?P<language>[A-Z][\w-]+))?"
    r"(?:\s+(?:in)?to\s+[A-Z][\w-]+)?"
    r"(?:\s+for\s+(?P<for>.+?))?"
    r"\s+by\s+(?P<names>.+?)"
    # The names end at the end of the credits or of their sentence; a full stop after an
    # initial ("Mark H. Doctoroff") does not end them, one before a credit verb does.
    rf"(?:\.?\s*$|\.\s+(?={_CREDIT_VERBS}\b)|;|,\s+(?:and\s+)?[a-z]+ed\b)"
)
_FOR_BY_RE = re.compile(r"\bfor\s+(?P<for>[A-Z][\w&.' -]*?)\s+by\b")
_NAME_SEPARATOR_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_URL_LINE_RE = re.compile(r"<?(?P<url>https?://[^\s<>]+)>?")
_RECORD_ID_RE = re.compile(r"/document/(?P<id>[^/?#\s]+)/?(?:[?#]\S*)?$")


# Text between the title and the first label is kept under this name; no label can have it.
_UNLABELLED = "(unlabelled)"


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


# --- the parser ------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, source: str):
        self.source = source
        self.warnings: list[str] = []
        if text.startswith("\ufeff"):
            text = text[1:]
        if not text.strip():
            raise WCDAFormatError(source, None, "file", "file is empty")
        binary = _binary_at(text)
        if binary is not None:
            line = len(_NEWLINE_RE.findall(text, 0, binary)) + 1
            raise _binary_error(source, text, binary, len(text[:binary].encode()), line)
        self.lines = _NEWLINE_RE.split(text)

    def warn(self, line: int | None, field_name: str, message: str) -> None:
        self.warnings.append(_locate(self.source, line, field_name, message))

    def fail(self, line: int | None, field_name: str, message: str) -> WCDAFormatError:
        return WCDAFormatError(self.source, line, field_name, message)

    def parse(self) -> WCDARecord:
        date, index = self.parse_date()
        title, index = self.parse_title(index)
        sections, body_start = self.split_sections(index, title)
        record = WCDARecord(source=self.source, date=date, title=title)
        self.fill_sections(record, sections)
        self.parse_body(record, body_start)
        record.warnings = self.warnings
        return record

    def parse_date(self) -> tuple[Located, int]:
        """Find the title's first line; the first non-blank line before it is the date."""
        before: list[int] = []
        index = 0
        while index < len(self.lines):
            text = self.lines[index].strip()
            if text.startswith("**") or _is_label(text, known_only=True):
                break
            if text:
                before.append(index)
            index += 1
        if index == len(self.lines) or not self.lines[index].strip().startswith("**"):
            expected = before[1] if len(before) > 1 else min(index, len(self.lines) - 1)
            raise self.fail(
                expected + 1, "title", "no title: expected a line starting with ** after the date"
            )
        if not before:
            self.warn(index + 1, "date", "no date line before the title")
            return Located("", index + 1), index
        date = Located(self.lines[before[0]].strip(), before[0] + 1)
        if not re.search(_YEAR, date.value):
            self.warn(date.line, "date", f"{date.value!r} has no year; is it the date?")
        if len(before) > 1:
            more = f" and {len(before) - 2} more line(s)" if len(before) > 2 else ""
            self.warn(
                before[1] + 1,
                "date",
                f"unexpected text before the title: {self.lines[before[1]][:80]!r}{more}",
            )
        return date, index

    def parse_title(self, start: int) -> tuple[Located, int]:
        """Read the title from its opening ** to its closing **, which may be lines later."""
        parts = []
        index = start
        while index < len(self.lines):
            text = self.lines[index].strip()
            # A blank line or a section label before the closing ** means the title was cut.
            if index > start and (not text or _is_label(text, known_only=True)):
                break
            parts.append(text)
            index += 1
            if text.endswith("**") and (index - 1 > start or len(text) >= 4):
                title = " ".join(" ".join(parts)[2:-2].split())
                if not title:
                    raise self.fail(start + 1, "title", "the title between ** and ** is empty")
                return Located(title, start + 1), index
        raise self.fail(
            start + 1, "title", "the closing ** of the title is missing; the file seems truncated"
        )

    def split_sections(self, index: int, title: Located) -> tuple[list[_Section], int]:
        """Cut the lines after the title into labelled sections; return them and the body start.

        "Contents:" is the last section: its items are the lines that look like items, and the
        first line after them that does not is where the document's body starts.
        """
        sections: list[_Section] = []
        current: _Section | None = None
        last_known = self.last_known_label(index)
        while index < len(self.lines):
            text = self.lines[index].strip()
            # After "Contents:" no label is recognised: the document's own text follows. Nor
            # is an unknown label after the last known one: that is a speaker in the text.
            in_contents = current is not None and current.field == "contents"
            label = None if in_contents else _is_label(text, known_only=index > last_known)
            if label:
                current = _Section(
                    label["label"], _SECTION_FIELDS.get(label["label"].lower(), ""), index + 1, []
                )
                sections.append(current)
                if label["rest"]:
                    current.lines.append((index + 1, label["rest"]))
            elif in_contents and text and not _CONTENT_ITEM_RE.fullmatch(text):
                return sections, index
            elif current is None:
                if text:  # text between the title and the first label: kept, but odd
                    current = _Section(_UNLABELLED, "", index + 1, [(index + 1, text)])
                    sections.append(current)
            else:
                current.lines.append((index + 1, self.lines[index]))
            index += 1
        return sections, self.body_without_contents(sections, title)

    def last_known_label(self, index: int) -> int:
        """Index of the last known section label from index on, up to "Contents:"; -1 if none."""
        last = -1
        for number in range(index, len(self.lines)):
            label = _is_label(self.lines[number], known_only=True)
            if label:
                last = number
                if _SECTION_FIELDS[label["label"].lower()] == "contents":
                    break
        return last

    def body_without_contents(self, sections: list[_Section], title: Located) -> int:
        """The file ended inside the sections: find the body, or say why there is none."""
        if sections and sections[-1].field == "contents":
            last = sections[-1]
            raise self.fail(
                last.line, "body", "no document text after 'Contents:'; the file seems truncated"
            )
        if not sections:
            raise self.fail(title.line, "body", "no document text after the title")
        last = sections[-1]
        blocks = _blocks(last.lines)
        if last.label == _UNLABELLED and len(sections) == 1:
            # Title followed directly by text: that text is the document.
            self.warn(last.line, "contents", "no sections; the text after the title is the body")
            sections.clear()
            return last.line - 1
        if not blocks:
            raise self.fail(
                last.line,
                "body",
                f"no document text: the file ends right after '{last.label}:' and seems truncated",
            )
        if len(blocks) == 1:
            raise self.fail(
                last.line,
                "body",
                f"no document text after the '{last.label}:' section and no 'Contents:' "
                "section; the file seems truncated",
            )
        # Without "Contents:" the last section is taken to be one block long.
        body_start = blocks[1].line
        last.lines = [(number, text) for number, text in last.lines if number < body_start]
        self.warn(
            last.line,
            "contents",
            f"no 'Contents:' section; the body is taken to start at line {body_start}",
        )
        return body_start - 1

    def fill_sections(self, record: WCDARecord, sections: list[_Section]) -> None:
        seen: dict[str, _Section] = {}
        for section in sections:
            key = section.field or section.label
            if key in seen:
                self.warn(
                    section.line,
                    section.field or section.label,
                    f"section appears again (first at line {seen[key].line}); both kept",
                )
                seen[key].lines.extend([(section.line, ""), *section.lines])
            else:
                seen[key] = section
        for key, section in seen.items():
            record.section_lines[key] = section.line
            if not any(text.strip() for _, text in section.lines) and key != "contents":
                self.warn(section.line, key, "section is empty")
            if key == "citation":
                self.parse_citation(record, section)
            elif key == "summary":
                record.summary = _section_text(section)
            elif key == "original_languages":
                record.original_languages = _section_items(section, r"[,;]|\band\b")
            elif key == "contents":
                record.contents = _section_items(section)
            elif key == "subjects":
                record.subjects = _section_items(section, r"[,;]")
            elif key == "places":
                # "Berlin (Germany)" style; commas separate places printed on one line.
                record.places = _section_items(section, r"[,;]")
            elif key == "associated":
                # Names are printed "Mielke, Erich, 1907-2000": only lines and ";" separate.
                record.associated = _section_items(section, r";")
            elif key == "rights":
                record.rights = _section_text(section)
            elif key == "record_id":
                record.record_id = _section_text(section)
            else:
                record.extra_sections[section.label] = _section_text(section)
                if section.label == _UNLABELLED:
                    self.warn(section.line, "sections", "text before the first section label")
                elif section.label.lower() not in _SECTION_FIELDS:
                    self.warn(section.line, section.label, "unknown section kept as it is")
        if "citation" not in seen:
            self.warn(None, "citation", "no 'Citation:' section")
        if "contents" in seen and not record.contents:
            self.warn(seen["contents"].line, "contents", "no items listed")
        self.settle_record_id(record, seen.get("record_id"))

    def settle_record_id(self, record: WCDARecord, section: _Section | None) -> None:
        from_url = _RECORD_ID_RE.search(record.url)
        url_id = from_url["id"] if from_url else ""
        if record.record_id and url_id and record.record_id != url_id:
            self.warn(
                section.line if section else None,
                "record_id",
                f"Record ID {record.record_id!r} differs from the URL's {url_id!r}; "
                "the Record ID section is kept",
            )
        record.record_id = record.record_id or url_id
        if not record.record_id:
            self.warn(record.citation_line, "record_id", "no /document/<id> URL and no Record ID")

    def parse_citation(self, record: WCDARecord, section: _Section) -> None:
        text_lines: list[tuple[int, str]] = []
        for number, text in section.lines:
            text = text.strip()
            url_line = _URL_LINE_RE.fullmatch(text)
            if url_line and not record.url:
                record.url = url_line["url"]
            elif url_line:
                self.warn(number, "url", f"second URL ignored: {url_line['url']}")
            elif text:
                text_lines.append((number, text))
        if not text_lines:
            return
        record.citation_line = text_lines[0][0]
        text = " ".join(line for _, line in text_lines)
        # A URL printed at the end of the paragraph is its last word. (Taking the last word
        # rather than searching for a URL pattern keeps this linear in the citation's length.)
        head, _, last_word = text.rstrip().rpartition(" ")
        trailing_url = _URL_LINE_RE.fullmatch(last_word)
        if trailing_url and not record.url:
            record.url = trailing_url["url"]
            text = head.rstrip()
        record.citation = self.split_citation(text, record.citation_line)
        self.compare_citation(record)

    def split_citation(self, text: str, line: int) -> Citation:
        quoted = _CITATION_RE.match(text)
        publisher = _PUBLISHER_RE.search(quoted["rest"]) if quoted else None
        if not quoted or not publisher:
            self.warn(
                line,
                "citation",
                "cannot find the quoted title and the publisher ('... Digital Archive'); "
                "the citation is kept whole",
            )
            return Citation(text=text)
        rest = quoted["rest"]
        tail = rest[publisher.end() :].lstrip(",. ")
        credits_start = _CREDITS_START_RE.search(tail)
        cut = credits_start.start() if credits_start else len(tail)
        credits = tail[cut:].strip()
        citation = Citation(
            text=text,
            quoted_title=quoted["title"].strip(),
            date_text=rest[: publisher.start()].strip(" ,"),
            publisher=publisher["publisher"],
            reference=tail[:cut].strip().rstrip(",;").removesuffix(".").strip(),
            credits=credits,
        )
        translated = _TRANSLATED_RE.search(credits)
        if translated:
            names = translated["names"].strip()
            names, _, for_after = names.partition(" for ")  # "Translated by X for CWIHP."
            citation.translator = names.strip()
            citation.translators = [n for n in _NAME_SEPARATOR_RE.split(names) if n.strip()]
            citation.commissioned_by = (translated["for"] or for_after).strip()
            citation.source_language = translated["language"] or ""
        if not citation.commissioned_by and (for_by := _FOR_BY_RE.search(credits)):
            citation.commissioned_by = for_by["for"]
        return citation

    def compare_citation(self, record: WCDARecord) -> None:
        """Warn when the citation disagrees with the title or date printed above it."""
        citation = record.citation
        if citation is None or not citation.quoted_title:
            return
        if _comparable(citation.quoted_title) != _comparable(record.title.value):
            self.warn(record.citation_line, "citation", "the quoted title differs from the title")
        if record.date.value and _comparable(citation.date_text) != _comparable(record.date.value):
            self.warn(
                record.citation_line,
                "citation",
                f"the citation's date {citation.date_text!r} differs from {record.date.value!r}",
            )

    def parse_body(self, record: WCDARecord, start: int) -> None:
        blocks = _blocks(list(enumerate(self.lines[start:], start + 1)))
        record.text_kind, record.text_language, versions = _text_version(
            record.contents, record.original_languages
        )
        if versions > 1:
            self.warn(
                start + 1,
                "contents",
                f"several text versions listed; the body is taken to be the {record.text_kind}",
            )
        # Place and date line, classifications and editorial notes come first, in any order.
        index = 0
        markings: list[str] = []
        while index < len(blocks):
            value = blocks[index].value
            if not record.place_date_line and _looks_like_place_date(value):
                record.place_date_line = value
            elif _looks_like_classification(value):
                markings.append(value)
            elif _is_bracketed(value):
                record.editorial_notes.append(value)
            else:
                break
            index += 1
        record.classification = "\n".join(markings)
        # A heading is only a heading if a paragraph follows it; without one, the editor's
        # first bracketed note stands for it.
        if index < len(blocks) - 1 and _looks_like_heading(blocks[index].value):
            record.heading = blocks[index].value
            index += 1
        elif record.editorial_notes:
            record.heading = record.editorial_notes.pop(0)
        record.front = [block.value for block in blocks[:index]]
        record.paragraphs = blocks[index:]
        if not record.paragraphs:
            raise self.fail(
                start + 1, "body", "no paragraphs of document text; the file seems truncated"
            )
        record.body_text = "\n\n".join(block.value for block in blocks)


def parse_wcda(text: str, source: str) -> WCDARecord:
    """Parse the text of one WCDA export; source names the file in messages."""
    return _Parser(text, source).parse()
