"""Archival references: the one parser of the project.

The archives it knows, the names they are cited under and the grammar of each are a table in
archives.py. Abbreviated, English and German full forms of an archive's name are all read
("Office of the Federal Commissioner for the Stasi Records (BStU)"), and the abbreviation is
stored. Besides the MfS grammar below it reads Bundesarchiv signatures ("SAPMO-BArch, DY 30/IV
2/2.036/15", "BArch, DC 20-I/4/5121"), fonds-and-file references ("PA AA, MfAA, C 1503/70") and
the Russian and Bulgarian fond/opis/delo scheme ("RGANI, f. 5, op. 30, d. 100, l. 12"); the
references of an archive without a common grammar are kept as written and flagged.

Records of the East German Ministry for State Security (MfS) are cited after the practice of the
Stasi Records Archive (BStU), since 2021 part of the Bundesarchiv (BArch). A reference names, from
the general to the particular, separated by commas:

    archive, fonds, issuing unit(s), file, volume, pages
    BStU,    MfS,   BV Suhl, BdL,     Nr. 1246, Bd. 1, Bl. 1–5

- The archive is "BStU" (older citations) or "BArch" (since the records joined the Bundesarchiv).
- The fonds is "MfS", "ZA" (Zentralarchiv, the central archive in Berlin, in older citations) or a
  branch archive ("Ast. Leipzig").
- The issuing unit is written as the MfS abbreviated it: "HA XX/4" (main department XX, line 4),
  "HV A", "ZAIG", "Abt. X", "Sekr. Neiber", "BdL/Dok."; a district administration's sub-unit
  follows it after a comma ("BV Suhl, BdL").
- The file number follows "Nr." (BStU practice) or, in older Zentralarchiv citations, the unit
  itself without a comma ("HA X 104"). Archived case files are cited by their register number
  and year after the file category instead: "AIM 1234/85", "AP 123/56".
- The volume ("Teil II", "Bd. 1") comes next, then the pages: "Bl." (Blatt, the folio numbering
  the archive stamped on each sheet, the usual form), "S." (Seite) or English "p."/"pp.".

parse_reference() reads one reference into a ParsedReference. It never raises and never loses the
text as written: what it cannot read is returned with parsed=False and readable problems, so that
an archivist can review it. find_reference() picks the reference out of a publisher's citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog.references.archives import BY_ABBREVIATION, TABLE, Archive

ARCHIVES: dict[str, str] = {archive.abbreviation: archive.name for archive in TABLE}

# The archives holding MfS records, whose citations follow the MfS grammar below.
MFS_ARCHIVES = ("BStU", "BArch")

# File categories of the MfS archive. Their files carry a register number and year ("AIM 1234/85")
# that is written straight after the category, never after "Nr.".
ARCHIVED_FILE_CATEGORIES: dict[str, str] = {
    "AIM": "archived file of an unofficial collaborator (IM)",
    "AGMS": "archived file of a social collaborator for security (GMS)",
    "AOP": "archived operational case",
    "AOPK": "archived operational person check",
    "AP": "general person file",
    "AS": "general subject file",
    "AU": "archived investigation case",
    "KS": "cadre (personnel) file",
}

# Longer labels first, so that "pp." is not read as "p.". "f."/"ff." count folios in English,
# "l."/"ll." (list) in Russian, "k." (karta) in Polish.
PAGE_LABELS = ("Bl.", "S.", "pp.", "ff.", "ll.", "p.", "f.", "l.", "k.")

# Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
EN_DASH = "\u2013"

EXAMPLE = "BStU, MfS, HA XX, Nr. 123, Bl. 1–5"

# --- The grammar -------------------------------------------------------------------------------
# Each piece is matched in turn, from left to right, on the reference with its whitespace
# collapsed. Every piece after the archive starts with its separator, so that a missing comma can
# be noticed and reported rather than silently accepted.

_SEP = r"(?P<sep>, ?| )"
_ROMAN_OR_NUMBER = r"(?:[IVXLC]+|\d+[a-z]?)"

# Every name of every archive, longest first, so that "SAPMO-BArch" is not read as a stray
# "BArch"; a full name may carry its abbreviation in brackets, and a German full form is often
# shortened by the citing author ("Bundesbeauftragter für die Unterlagen ... (BStU)").
_NAMES = {name: archive for archive in TABLE for name in archive.names}
_ARCHIVE_NAMES = "|".join(re.escape(name) for name in sorted(_NAMES, key=len, reverse=True))
_ABBREVIATIONS_RE = "|".join(
    re.escape(name) for name in sorted(BY_ABBREVIATION, key=len, reverse=True)
)
_ARCHIVE = re.compile(
    rf"(?:[A-ZÄÖÜ][^,()]{{1,250}}? \((?P<abbreviation>{_ABBREVIATIONS_RE})\)"
    rf"|(?P<name>{_ARCHIVE_NAMES}))(?=[, ]|$)"
)
# What an unknown archive's abbreviation looks like: "StAL", "HStA Dresden".
_ARCHIVE_LIKE = re.compile(r"(?P<archive>[A-ZÄÖÜ][\w-]*(?: [A-ZÄÖÜ][\w-]*)?),")

_PLACE = r"[A-ZÄÖÜ][\w-]*(?: \([A-ZÄÖÜ]\w*\))?"
_COLLECTION = re.compile(
    rf"{_SEP}(?P<collection>MfS|ZA|(?:ASt|Ast\.?|Außenstelle) {_PLACE})(?=[, ]|$)"
)

# A word of a unit's name: capitalised, with an optional full stop ("Abt.") and subdivisions
# ("XX/4", "BdL/Dok."). The labels of the later parts are excluded, so that a unit never swallows
# "Nr." or "Bl.". A number may be part of a unit only after an abbreviation ("Abt. 26").
_UNIT_WORD = r"(?!(?:Nr|Bl|S|Bd|Teil)\b)\(?[A-ZÄÖÜ][\w()-]*\.?(?:/[\w.-]+)*"
_UNIT_NUMBER = r"(?<=\. )\d+[a-z]?(?:/[\w.-]+)*"
_UNIT_PART = rf"{_UNIT_WORD}(?: (?:{_UNIT_WORD}|{_UNIT_NUMBER}))*"
_UNIT = rf"{_UNIT_PART}(?:, {_UNIT_PART})*?"

_FILE_NUMBER = r"\d+[a-z]?(?:/\d+)?(?![\w/])"
# "Nr. 136" after a comma, or the number straight after the unit: "HA X 104", "AIM 1234/85".
# The look-behind keeps "Abt. 26" one unit rather than unit "Abt." with file 26.
_UNIT_AND_FILE = re.compile(
    rf"{_SEP}(?P<unit>{_UNIT})(?:(?P<nr_sep>, ?| )Nr\. ?|(?<!\.) )(?P<file_number>{_FILE_NUMBER})"
)
_UNIT_ONLY = re.compile(rf"{_SEP}(?P<unit>{_UNIT})(?=,|$)")

_VOLUME_PART = rf"(?:Teil|Bd\.|Vol\.|vol\.|t\.|sv\.) ?{_ROMAN_OR_NUMBER}"
_VOLUME = re.compile(rf"{_SEP}(?P<volume>{_VOLUME_PART}(?:, {_VOLUME_PART})*)(?=[, ]|$)")

_LABEL = "|".join(re.escape(label) for label in PAGE_LABELS)
# A page or folio: "12", "121a", "12v"; "12f." is 12 and the next, "12ff." 12 onwards.
_PAGE = r"\d+[a-eg-z]?"
_DASH = f"[{_DASHES}]"
_FOLLOWING = r"(?: ?ff?\.?)"
_RANGE = rf"{_PAGE}(?: ?{_DASH} ?{_PAGE}|{_FOLLOWING})?"
_PAGES = re.compile(
    rf"{_SEP}(?P<page_label>{_LABEL}) ?(?P<pages>{_RANGE}(?:, ?{_RANGE})*)(?!\w|{_DASH})"
)
_PAGE_LABEL = re.compile(rf"{_SEP}(?P<page_label>{_LABEL})")

# Abbreviations whose full stop does not end a reference (nor, in find_reference, a sentence).
_ABBREVIATIONS = (
    "Nr",
    "Bl",
    "S",
    "pp",
    "p",
    "Dok",
    "Abt",
    "Sekr",
    "Bd",
    "Ast",
    "f",
    "ff",
    "l",
    "ll",
    "k",
    "op",
    "d",
    "t",
    "Vol",
    "vol",
    "sv",
    "sygn",
)
_ENDS_IN_ABBREVIATION = re.compile(rf"(?<![\w.])(?:{'|'.join(_ABBREVIATIONS)})\.$")


@dataclass(frozen=True)
class ParsedReference:
    """One archival reference, read into its parts; the text as written is always kept."""

    as_written: str
    parsed: bool
    archive: str = ""
    collection: str = ""
    unit: str = ""
    file_number: str = ""
    volume: str = ""
    page_label: str = ""
    pages: str = ""
    page_start: str = ""
    page_end: str = ""
    problems: tuple[str, ...] = ()
    grammar: str = field(default="mfs", compare=False)  # the archive's, see archives.py

    @property
    def repository(self) -> Archive | None:
        """The archive's row in the table of archives, for its repository record."""
        return BY_ABBREVIATION.get(self.archive)

    @property
    def normalised(self) -> str:
        """The canonical form, e.g. "BStU, ZA, HA X, Nr. 104, pp. 49–51"; unread text as is."""
        if not self.parsed:
            return self.as_written
        tail = (self.volume, self.pages and f"{self.page_label} {self.pages}")
        if self.grammar == "signature":
            signature = f"{self.collection}/{self.file_number}"
            return ", ".join(p for p in (self.archive, signature, *tail) if p)
        if self.grammar != "mfs":
            parts = (self.archive, self.collection, self.unit, self.file_number, *tail)
            return ", ".join(p for p in parts if p)
        last_unit = self.unit.rsplit(", ", 1)[-1]
        if last_unit in ARCHIVED_FILE_CATEGORIES:
            file_part = f"{self.unit} {self.file_number}"
        else:
            file_part = f"{self.unit}, Nr. {self.file_number}"
        parts = [self.archive, self.collection, file_part]
        if self.volume:
            parts.append(self.volume)
        if self.pages:
            parts.append(f"{self.page_label} {self.pages}")
        return ", ".join(parts)

    @property
    def is_folio(self) -> bool:
        """True when the reference counts folios (Bl.), the archive's own numbering of sheets."""
        return self.page_label == "Bl."


def parse_reference(text: str) -> ParsedReference:
    """Read an archival reference such as "BStU, MfS, HA XXII, Nr. 136, Bl. 121"."""
    as_written = (text if isinstance(text, str) else "").strip()
    if not as_written:
        return ParsedReference(
            as_written,
            parsed=False,
            problems=(f"The reference is empty; expected e.g. '{EXAMPLE}'.",),
        )
    return _Reader(as_written).read()


class _Reader:
    """Reads one reference piece by piece, collecting fields and problems along the way."""

    def __init__(self, as_written: str) -> None:
        self.as_written = as_written
        self.text = _prepare(as_written)
        self.pos = 0
        self.fields: dict[str, str] = {}
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.missing_commas: list[str] = []

    def read(self) -> ParsedReference:
        grammar = self._read_archive()
        self.fields["grammar"] = grammar or "mfs"
        if grammar == "mfs":
            self._read_collection()
            if self._read_unit_and_file():
                self._read_volume()
                self._read_pages()
                self._check_rest()
        elif grammar in _GRAMMARS and _GRAMMARS[grammar](self):
            self._read_volume()
            self._read_pages()
            self._check_rest()
        if self.missing_commas:
            where = ", ".join(self.missing_commas)
            self.warnings.append(
                f"Separating commas are missing ({where}); the normalised form adds them."
            )
        return ParsedReference(
            self.as_written,
            parsed=not self.problems,
            problems=tuple(self.problems + self.warnings),
            **self.fields,
        )

    def _match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.match(self.text, self.pos)

    def _accept(self, match: re.Match[str], *names: str) -> None:
        for name in names:
            self.fields[name] = match[name]
        if "," not in match["sep"]:
            self.missing_commas.append(f"before '{match[names[0]]}'")
        self.pos = match.end()

    def _read_archive(self) -> str:
        """Read the archive's name; return the grammar its references follow, "" for none."""
        match = self._match(_ARCHIVE)
        if match:
            named = match["abbreviation"]
            archive = BY_ABBREVIATION[named] if named else _NAMES[match["name"]]
            self.fields["archive"] = archive.abbreviation
            self.pos = match.end()
            if archive.abbreviation in MFS_ARCHIVES and self._match(_COLLECTION):
                return "mfs"
            if archive.grammar == "signature" and self._match(_SIGNATURE):
                return "signature"
            if archive.abbreviation in MFS_ARCHIVES:
                return "mfs"  # its problems say what the MfS grammar expected
            if archive.grammar == "verbatim":
                self.fields["grammar"] = "verbatim"
                self.problems.append(
                    f"References of {archive.abbreviation} ({archive.name}) have no common "
                    "grammar; kept as written for an archivist to enter the parts."
                )
                return "verbatim"
            return archive.grammar
        match = self._match(_ARCHIVE_LIKE)
        if match:
            # Still read the rest: the archive may just be spelled unusually.
            self.fields["archive"] = match["archive"]
            self.pos = match.end("archive")
            self.problems.append(
                f"Unknown archive '{match['archive']}'; expected {_known_archives()}."
            )
            return "mfs"
        self.problems.append(
            f"Expected the reference to start with an archive ({_known_archives()}), "
            f"as in '{EXAMPLE}'."
        )
        return ""

    def _read_signature(self) -> bool:
        """A Bundesarchiv signature: fonds and file, "DY 30/IV 2/2.036/15"."""
        match = self._match(_SIGNATURE)
        if not match:
            self.problems.append(
                "Expected a Bundesarchiv signature such as 'DY 30/IV 2/2.036/15'; found "
                f"'{_next_part(self.text, self.pos)}'."
            )
            return False
        self._accept(match, "collection")
        if match["file_number"]:
            self.fields["file_number"] = match["file_number"]
        else:
            self.problems.append(
                f"No file after the fonds '{match['collection']}'; expected e.g. "
                f"'{match['collection']}/1234'."
            )
        return True

    def _read_fonds_and_file(self) -> bool:
        """A fonds (or collection) and a file: "MfAA, C 1503/70", "KC PZPR, sygn. V/12"."""
        match = self._match(_FONDS_AND_FILE)
        if not match:
            self.problems.append(
                "Expected a fonds and a file, e.g. 'MfAA, C 1503/70'; found "
                f"'{_next_part(self.text, self.pos)}'."
            )
            return False
        self._accept(match, "file_number")
        self.fields["collection"] = match["collection"] or ""
        return True

    def _read_fond_opis(self) -> bool:
        """Fond, opis and file (delo or a.e.): "f. 5, op. 30, d. 100"."""
        match = self._match(_FOND_OPIS)
        if not match:
            self.problems.append(
                "Expected fond, opis and file, e.g. 'f. 5, op. 30, d. 100'; found "
                f"'{_next_part(self.text, self.pos)}'."
            )
            return False
        self._accept(match, "collection", "unit")
        if match["file_number"]:
            self.fields["file_number"] = match["file_number"]
        else:
            self.problems.append("No file (d. or a.e.) after the opis; expected e.g. 'd. 100'.")
        return True

    def _read_collection(self) -> None:
        match = self._match(_COLLECTION)
        if match:
            self._accept(match, "collection")
        else:
            # Leave the text for the unit: the fonds is more often omitted than misspelled.
            self.problems.append(
                "Expected the fonds after the archive: 'MfS', 'ZA' or a branch archive such as "
                f"'Ast. Leipzig'; found '{_next_part(self.text, self.pos)}'."
            )

    def _read_unit_and_file(self) -> bool:
        match = self._match(_UNIT_AND_FILE)
        if match:
            self._accept(match, "unit", "file_number")
            if match["nr_sep"] == " ":
                self.missing_commas.append("before 'Nr.'")
            return True
        match = self._match(_UNIT_ONLY)
        if match:
            self._accept(match, "unit")
            self.problems.append(
                f"No file number after the unit '{match['unit']}'; expected 'Nr. 123' "
                "or a register number such as 'AIM 1234/85'."
            )
            return True
        self.problems.append(
            "Expected the issuing unit and file number, e.g. 'HA XX, Nr. 123' or 'HA X 104'; "
            f"found '{self.text[self.pos :].lstrip(', ')}'."
        )
        return False

    def _read_volume(self) -> None:
        match = self._match(_VOLUME)
        if match:
            self._accept(match, "volume")

    def _read_pages(self) -> None:
        match = self._match(_PAGES)
        if not match:
            label = self._match(_PAGE_LABEL)
            if label:
                self.fields["page_label"] = label["page_label"]
                self.pos = len(self.text)
                self.problems.append(
                    f"Could not read the pages after '{label['page_label']}': expected numbers "
                    "such as '12', '121a', '1–5' or '12, 15–17', "
                    f"found '{self.text[label.end() :].strip()}'."
                )
            return
        self._accept(match, "page_label", "pages")
        pages = re.sub(rf" ?{_DASH} ?", EN_DASH, match["pages"])
        pages = re.sub(r", ?", ", ", pages)
        # "12f." is pages 12 and 13; "12ff." is 12 onwards, with no known end.
        pages = re.sub(r"(\d+) ?f\.?(?=,|$)", lambda m: f"{m[1]}{EN_DASH}{int(m[1]) + 1}", pages)
        pages = re.sub(r"(\d+) ?ff\.?(?=,|$)", r"\1 ff.", pages)
        first_range, last_range = pages.split(", ")[0], pages.split(", ")[-1]
        start = first_range.split(EN_DASH)[0].removesuffix(" ff.")
        end = "" if last_range.endswith(" ff.") else last_range.split(EN_DASH)[-1]
        self.fields.update(pages=pages, page_start=start, page_end=end)
        for page_range in pages.split(", "):
            page_range = page_range.removesuffix(" ff.")
            low, high = page_range.split(EN_DASH)[0], page_range.split(EN_DASH)[-1]
            if _leading_number(high) < _leading_number(low):
                self.problems.append(
                    f"The page range '{page_range}' runs backwards; was an abbreviated range "
                    "such as '149–51' meant?"
                )

    def _check_rest(self) -> None:
        rest = self.text[self.pos :].strip(", ")
        if rest:
            self.problems.append(
                f"Unexpected text '{rest}' after the reference; expected a volume ('Bd. 1') "
                "or pages ('Bl. 1–5') at the end."
            )


# "DY 30/IV 2/2.036/15", "DY 30/J IV 2/2/2034", "DC 20-I/4/5121", "R 43 II/1234", "NY 4090/12".
_SIGNATURE = re.compile(
    rf"{_SEP}(?P<collection>[A-Z]{{1,4}} ?\d+[a-z]?(?:-[IVX]+| [IVX]+)?)"
    r"(?:/(?P<file_number>[^,/ ][^,]*?))?(?=,|$)"
)
# A fonds or collection that is not a page, volume or file label, then the file, which may be
# introduced by "sygn." or "Nr.": "MfAA, C 1503/70", "B 150, Nr. 12", "KC PZPR, sygn. V/12".
_NOT_A_LABEL = rf"(?!(?:{_LABEL}|Teil|Bd\.|Vol\.|vol\.|t\.|sv\.) ?\d)"
_FONDS_AND_FILE = re.compile(
    rf"{_SEP}(?:{_NOT_A_LABEL}(?P<collection>[^,]+?), )?(?:sygn\. ?|Nr\. ?)?"
    rf"{_NOT_A_LABEL}(?P<file_number>[A-Z]{{0,3}} ?[\w./-]*\d[\w./-]*)(?=,|$)"
)
_FOND_OPIS = re.compile(
    rf"{_SEP}(?P<collection>(?:[Ff]\.|[Ff]ond) ?[\w-]+), ?(?P<unit>(?:[Oo]p\.|[Oo]pis) ?[\w/-]+)"
    r"(?:, ?(?P<file_number>(?:[Dd]\.|[Dd]elo|a\. ?e\.) ?[\w/-]+))?(?=,|$)"
)

_GRAMMARS = {
    "signature": _Reader._read_signature,
    "fonds_file": _Reader._read_fonds_and_file,
    "fond_opis": _Reader._read_fond_opis,
}


def _prepare(text: str) -> str:
    """Collapse whitespace (references are often wrapped) and drop a closing full stop."""
    text = " ".join(text.split())
    if text.endswith(".") and not _ENDS_IN_ABBREVIATION.search(text):
        text = text[:-1].rstrip()
    return text


def _next_part(text: str, pos: int) -> str:
    return text[pos:].lstrip(", ").split(",")[0]


def _leading_number(page: str) -> int:
    digits = re.match(r"\d+", page)
    return int(digits[0]) if digits else 0


def _known_archives() -> str:
    return " or ".join(f"'{abbreviation}'" for abbreviation in MFS_ARCHIVES)


# --- Finding a reference in a citation -----------------------------------------------------------

# An archive abbreviation as a word of its own, followed by the next part of a reference, so that a
# mention in prose ("the BStU released") is not taken for a reference.
_REFERENCE_START = re.compile(
    rf"(?<![\w-])(?:[A-ZÄÖÜ][^,()]{{1,250}}? \((?:{_ABBREVIATIONS_RE})\)|(?:{_ARCHIVE_NAMES}))"
    r"(?=,? ?[A-ZÄÖÜ])"
)
# A reference ends with its line, at a semicolon or closing bracket, or at a full stop that ends
# the sentence: followed by the end or by a space and a word that does not start with a digit
# ("pp. 49" continues), and not the full stop of an abbreviation ("Sekr. Neiber" continues).
# (Python's look-behinds need a fixed width, hence one per abbreviation.)
_NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{abbreviation})" for abbreviation in _ABBREVIATIONS)
_REFERENCE_END = re.compile(rf"[\n;)\]]|{_NOT_AFTER_ABBREVIATION}\.(?=$|\s+[^\s\d])")


def find_reference(text: str) -> str | None:
    """Pick the archival reference out of a citation, or None when it names no known archive.

    '"Relations ...", February 28, 1986, Wilson Center Digital Archive, BStU, ZA, HA X 104,
    pp. 49-51. Translated for CWIHP by Bernd Schaefer.' gives "BStU, ZA, HA X 104, pp. 49-51".
    """
    start = _REFERENCE_START.search(text)
    if not start:
        return None
    end = _REFERENCE_END.search(text, start.end())
    reference = text[start.start() : end.start() if end else len(text)]
    return reference.strip().rstrip(",").strip() or None
