"""The parser: an export's text into a WCDARecord, with warnings for what it can live with."""

from __future__ import annotations

import os
import re
from pathlib import Path

from catalog.importers.wcda_format.blocks import (
    _blocks,
    _comparable,
    _is_bracketed,
    _is_label,
    _looks_like_classification,
    _looks_like_heading,
    _looks_like_place_date,
    _Section,
    _section_items,
    _section_text,
    _text_version,
)
from catalog.importers.wcda_format.decoding import (
    _NEWLINE_RE,
    _binary_at,
    _binary_error,
    decode_wcda_bytes,
)
from catalog.importers.wcda_format.records import (
    Citation,
    Located,
    WCDAFormatError,
    WCDARecord,
    _locate,
)
from catalog.importers.wcda_format.vocabulary import (
    _CITATION_RE,
    _CONTENT_ITEM_RE,
    _CREDITS_START_RE,
    _FOR_BY_RE,
    _NAME_SEPARATOR_RE,
    _PUBLISHER_RE,
    _RECORD_ID_RE,
    _SECTION_FIELDS,
    _TRANSLATED_RE,
    _UNLABELLED,
    _URL_LINE_RE,
    _YEAR,
)


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


def read_wcda_file(path: str | os.PathLike[str]) -> WCDARecord:
    """Read and parse one export file; errors name the file by its name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise WCDAFormatError(path.name, None, "file", f"cannot be read: {err.strerror}") from None
    return parse_wcda(decode_wcda_bytes(data, path.name), path.name)
