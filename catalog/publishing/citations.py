"""How to cite a document: Chicago style for people, BibTeX, RIS and CSL-JSON for software.

One function per format, each taking a document (with its archival references,
texts and languages loaded) and the absolute URL of its page in the catalog. A
document is cited as an archival manuscript: its original in the holding archive
first, then the translation and the publisher through whom it is read.
"""

import json
import re
from dataclasses import dataclass

from catalog import dates
from catalog.models import Document, Translation
from catalog.models.provenance import document_publisher_address
from catalog.restrictions import public


@dataclass(frozen=True)
class CitationData:
    """What every format needs, gathered once from the records."""

    key: str
    title: str
    date_as_written: str
    date_parts: list[int]
    archive: str
    archive_location: str
    translators: list[tuple[str, str]]  # (family, given); given empty for one-word names
    credits: str
    publisher: str
    publisher_record_id: str
    publisher_url: str  # the publisher's permanent address, built from the record id
    url: str
    place: str
    classification: str
    summary: str
    languages: list[str]
    subjects: list[str]


def gather(document: Document, url: str) -> CitationData:
    """Collect what a citation says about ``document``, whose page is at ``url``."""
    references = list(document.archival_references.all())
    reference = references[0] if references else None
    translations = public.shown_texts(document.translations.all())
    translators = [
        _name_parts(t.translator.sort_name or t.translator.preferred_name)
        for t in translations
        if t.translator is not None and t.kind == Translation.Kind.TRANSLATION
    ]
    return CitationData(
        key=re.sub(r"[^A-Za-z0-9_:-]", "", document.slug) or f"document{document.pk}",
        title=document.title,
        date_as_written=document.date_as_written,
        date_parts=date_parts(document),
        archive=reference.repository.name if reference and reference.repository else "",
        archive_location=reference.as_written if reference else "",
        translators=list(dict.fromkeys(translators)),
        credits=document.credits,
        publisher=document.publisher,
        publisher_record_id=document.publisher_record_id,
        publisher_url=document_publisher_address(document).permanent,
        url=url,
        place=document.place_date_line.split(",")[0].strip() if document.place_date_line else "",
        classification=document.classification,
        summary=document.summary,
        languages=[language.name for language in document.original_languages.all()],
        subjects=[subject.name for subject in document.subjects.all()],
    )


def date_parts(document: Document) -> list[int]:
    """[year, month, day] as far as the document's date is known to the day, month or year.

    Read from the stored precision and bounds; only a qualified date ("1986~"), whose stored
    bounds are widened, asks for its strict bounds (cached per value)."""
    level = document.date_precision
    if level not in ("day", "month", "year"):
        return []
    earliest = dates.strict_earliest(document.date, document.date_earliest)
    if earliest is None:
        return []
    return [earliest.year, earliest.month, earliest.day][: {"year": 1, "month": 2, "day": 3}[level]]


def _name_parts(sort_name: str) -> tuple[str, str]:
    family, _, given = sort_name.partition(",")
    return family.strip(), given.strip()


def _display_date(data: CitationData, document: Document) -> str:
    return data.date_as_written or document.date_display


# Chicago --------------------------------------------------------------------------------------


def chicago(document: Document, url: str) -> str:
    """A Chicago-style bibliography entry for an archival document, as plain text."""
    data = gather(document, url)
    parts = [f"“{data.title.rstrip('.')}.”"]
    if data.date_as_written or document.date:
        parts.append(f"{_display_date(data, document)}.")
    if data.archive_location:
        archive = f", {data.archive}" if data.archive else ""
        parts.append(f"{data.archive_location}{archive}.")
    if data.credits:
        parts.append(data.credits if data.credits.endswith(".") else f"{data.credits}.")
    if data.publisher:
        record = f", record {data.publisher_record_id}" if data.publisher_record_id else ""
        link = f" {data.publisher_url}." if data.publisher_url else ""
        parts.append(f"{data.publisher}{record}.{link}")
    parts.append(f"Catalogued in Liaison, {data.url}.")
    return " ".join(parts)


# BibTeX ---------------------------------------------------------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_escape(value: str) -> str:
    """``value`` as BibTeX text: TeX's special characters escaped, whitespace collapsed."""
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in " ".join(value.split()))


def _bibtex_url(value: str) -> str:
    # URLs go in verbatim (biblatex reads them so); only what would break the braces is
    # percent-encoded, and the characters TeX would read as comments or parameters.
    for char, code in (("\\", "%5C"), ("{", "%7B"), ("}", "%7D"), (" ", "%20")):
        value = value.replace(char, code)
    return value


def bibtex(document: Document, url: str) -> str:
    """A BibTeX (biblatex-compatible) ``@misc`` entry."""
    data = gather(document, url)
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_escape(data.title) + "}")]
    if data.translators:
        names = " and ".join(
            bibtex_escape(f"{family}, {given}") if given else "{" + bibtex_escape(family) + "}"
            for family, given in data.translators
        )
        fields.append(("translator", names))
    if data.date_parts:
        year, *rest = data.date_parts
        fields.append(("date", "-".join([f"{year:04d}", *(f"{part:02d}" for part in rest)])))
        fields.append(("year", str(data.date_parts[0])))
        if len(data.date_parts) > 1:
            fields.append(("month", _MONTHS[data.date_parts[1] - 1]))
    howpublished = ", ".join(x for x in (data.archive_location, data.archive) if x)
    if howpublished:
        fields.append(("howpublished", bibtex_escape(howpublished)))
    if data.publisher:
        fields.append(("organization", bibtex_escape(data.publisher)))
    notes = [data.credits, data.date_as_written and f"Dated {data.date_as_written}"]
    if data.publisher_record_id:
        notes.append(f"{data.publisher} record {data.publisher_record_id}: {data.publisher_url}")
    note = ". ".join(n.rstrip(".") for n in notes if n)
    if note:
        fields.append(("note", bibtex_escape(note + ".")))
    if data.languages:
        fields.append(("language", bibtex_escape(", ".join(data.languages))))
    if data.summary:
        fields.append(("abstract", bibtex_escape(data.summary)))
    if data.subjects:
        fields.append(("keywords", bibtex_escape(", ".join(data.subjects))))
    fields.append(("url", _bibtex_url(data.url)))
    # Year and month go bare: "feb" is BibTeX's month macro, which styles localise.
    body = ",\n".join(
        f"  {name} = {value}" if name in ("year", "month") else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{data.key},\n{body}\n}}\n"


# RIS ------------------------------------------------------------------------------------------

_RIS_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def ris_value(value: str) -> str:
    """A single-line RIS value: line breaks and other control characters become spaces."""
    return " ".join(_RIS_CONTROL.sub(" ", value).split())


def ris(document: Document, url: str) -> str:
    """An RIS record (type MANSCPT, as Zotero reads manuscripts), lines ending in CRLF."""
    data = gather(document, url)
    lines = [("TY", "MANSCPT"), ("TI", data.title)]
    for family, given in data.translators:
        lines.append(("A4", f"{family}, {given}" if given else family))
    if data.date_parts:
        padded = [f"{part:02d}" for part in data.date_parts[1:]]
        lines.append(("PY", str(data.date_parts[0])))
        lines.append(("DA", "/".join([str(data.date_parts[0]), *padded]) + "/"))
    if data.classification:
        lines.append(("M3", data.classification))
    if data.place:
        lines.append(("CY", data.place))
    if data.archive:
        lines.append(("DB", data.archive))
    if data.archive_location:
        lines.append(("AN", data.archive_location))
    if data.publisher:
        lines.append(("PB", data.publisher))
    lines.extend(("LA", language) for language in data.languages)
    if data.summary:
        lines.append(("AB", data.summary))
    lines.extend(("KW", subject) for subject in data.subjects)
    for note in (data.credits, data.date_as_written and f"Dated {data.date_as_written}."):
        if note:
            lines.append(("N1", note))
    if data.publisher_url:
        lines.append(("N1", f"Published by {data.publisher}: {data.publisher_url}"))
    lines.append(("UR", data.url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {ris_value(value)}\r\n" for tag, value in lines)


# CSL-JSON -------------------------------------------------------------------------------------


def csl_json(document: Document, url: str) -> str:
    """A CSL-JSON array of one item of type "manuscript", as citeproc and Zotero read it."""
    data = gather(document, url)
    item: dict = {"id": data.key, "type": "manuscript", "title": data.title, "URL": data.url}
    if data.translators:
        item["translator"] = [
            {"family": family, "given": given} if given else {"literal": family}
            for family, given in data.translators
        ]
    if data.date_parts:
        item["issued"] = {"date-parts": [data.date_parts]}
    elif data.date_as_written:
        item["issued"] = {"literal": data.date_as_written}
    optional = {
        "archive": data.archive,
        "archive_location": data.archive_location,
        "publisher": data.publisher,
        "publisher-place": data.place,
        "genre": data.classification,
        "abstract": data.summary,
        "language": ", ".join(data.languages),
        "keyword": ", ".join(data.subjects),
        "note": " ".join(
            n
            for n in (
                data.credits,
                data.publisher_url and f"Published by {data.publisher}: {data.publisher_url}",
            )
            if n
        ),
    }
    item.update({name: value for name, value in optional.items() if value})
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
