"""The parts of the format: section labels, contents items, dates of a place and date line,
classification markings, citations and credits, as patterns."""

from __future__ import annotations

import re

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
