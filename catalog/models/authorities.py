"""Authority files that persons, agencies and places may be identified in: GND, VIAF,
Wikidata and GeoNames.

Each authority is declared here once, with the form its identifiers take, how the form is
checked, the URI that names the entity (schema.org ``sameAs``, EAC-CPF ``identityId``) and the
page a reader opens. Models, admin forms, the CSV interchange, the public pages, JSON-LD and
the exchange formats all read this table; none repeats a pattern or an address.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


def gnd_check_ok(value: str) -> bool:
    """Whether a GND number's last character is its check character.

    GND numbers come from three older files with two check methods (modulus 11, weights
    rising from 2 at the right): numbers of the former person file (PND) and numbers given
    since 2012 ('118540238', '1012345678') carry ``(11 - sum) mod 11``; those of the former
    corporate-body and subject files, written with a hyphen ('2005090-2', '4011882-4'),
    carry ``sum mod 11``. In both a check value of 10 is written 'X'.
    """
    body, check = value.replace("-", "")[:-1], value[-1]
    total = sum(int(digit) * weight for weight, digit in enumerate(reversed(body), start=2))
    expected = total % 11 if "-" in value else (11 - total % 11) % 11
    return check == ("X" if expected == 10 else str(expected))


@dataclass(frozen=True)
class Authority:
    """An authority file: its identifiers' form, and the addresses they stand for."""

    key: str  # short name, also the prefix of the model field: 'gnd' -> 'gnd_id'
    label: str  # as readers know it: 'GND'
    name: str  # in full: 'Gemeinsame Normdatei (German National Library)'
    pattern: re.Pattern
    example: str
    uri: str  # the entity's URI, '{}' standing for the identifier
    page: str  # the page a reader opens
    applies_to: tuple[str, ...]  # model names: 'person', 'agency', 'place'
    check: Callable[[str], bool] | None = None
    check_message: str = ""

    @property
    def field_name(self) -> str:
        return f"{self.key}_id"

    def validate(self, value: str) -> None:
        if not value:
            return
        if not self.pattern.fullmatch(value):
            raise ValidationError(
                f"A {self.label} identifier looks like “{self.example}”.", code="invalid"
            )
        if self.check is not None and not self.check(value):
            raise ValidationError(self.check_message, code="check_character")

    def uri_for(self, value: str) -> str:
        return self.uri.format(value) if value else ""

    def page_for(self, value: str) -> str:
        return self.page.format(value) if value else ""


GND = Authority(
    key="gnd",
    label="GND",
    name="Gemeinsame Normdatei (German National Library)",
    # The forms of the Wikidata GND property: a 9- or 10-character number ending in its
    # check character, or a corporate-body or subject number with a hyphen before it.
    pattern=re.compile(r"1[0123]?\d{7}[0-9X]|[47]\d{6}-\d|[1-9]\d{0,7}-[0-9X]|3\d{7}[0-9X]"),
    example="118540238, 2005090-2 or 4011882-4",
    uri="https://d-nb.info/gnd/{}",
    page="https://d-nb.info/gnd/{}",
    applies_to=("person", "agency", "place"),
    check=gnd_check_ok,
    check_message="The last character of this GND number is not its check character: "
    "copy the number again from the GND record.",
)
VIAF = Authority(
    key="viaf",
    label="VIAF",
    name="Virtual International Authority File",
    pattern=re.compile(r"[1-9]\d{1,21}"),
    example="96994048",
    uri="http://viaf.org/viaf/{}",
    page="https://viaf.org/viaf/{}/",
    applies_to=("person", "agency", "place"),
)
WIKIDATA = Authority(
    key="wikidata",
    label="Wikidata",
    name="Wikidata",
    pattern=re.compile(r"Q[1-9]\d*"),
    example="Q1278",
    uri="http://www.wikidata.org/entity/{}",
    page="https://www.wikidata.org/wiki/{}",
    applies_to=("person", "agency", "place"),
)
GEONAMES = Authority(
    key="geonames",
    label="GeoNames",
    name="GeoNames geographical database",
    pattern=re.compile(r"[1-9]\d{0,9}"),
    example="98182",
    uri="https://sws.geonames.org/{}/",
    page="https://www.geonames.org/{}/",
    applies_to=("place",),
)

AUTHORITIES: tuple[Authority, ...] = (GND, VIAF, WIKIDATA, GEONAMES)
BY_KEY: dict[str, Authority] = {a.key: a for a in AUTHORITIES}


def authorities_for(model_name: str) -> tuple[Authority, ...]:
    """The authorities a record of ``model_name`` ('person', 'agency', 'place') may carry."""
    return tuple(a for a in AUTHORITIES if model_name in a.applies_to)


def field_names(model_name: str) -> list[str]:
    return [a.field_name for a in authorities_for(model_name)]


@dataclass(frozen=True)
class Identifier:
    """One identifier a record carries, with its authority and addresses."""

    authority: Authority
    value: str

    @property
    def uri(self) -> str:
        return self.authority.uri_for(self.value)

    @property
    def page(self) -> str:
        return self.authority.page_for(self.value)


def identifiers(record) -> list[Identifier]:
    """The identifiers ``record`` carries, in the table's order; empty ones left out."""
    return [
        Identifier(authority, value)
        for authority in authorities_for(record._meta.model_name)
        if (value := getattr(record, authority.field_name, ""))
    ]


def same_as(record) -> list[str]:
    """The URIs of the entity ``record`` describes in other authority files."""
    return [identifier.uri for identifier in identifiers(record)]


class IdentifierField(models.CharField):
    """An identifier in one authority file, checked against its form; blank when unknown."""

    def __init__(self, *args, authority: str = "", **kwargs):
        self.authority_key = authority
        known = BY_KEY.get(authority)
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("blank", True)
        if known is not None:
            kwargs.setdefault("verbose_name", f"{known.label} identifier")
            kwargs.setdefault(
                "help_text",
                f"The identifier in the {known.name}, e.g. “{known.example}”. "
                "Leave empty unless a source or the authority record confirms it is this one.",
            )
            kwargs.setdefault("validators", [known.validate])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["authority"] = self.authority_key
        kwargs.pop("validators", None)
        kwargs.pop("help_text", None)
        kwargs.pop("verbose_name", None)
        kwargs.pop("blank", None)
        if kwargs.get("max_length") == 30:
            kwargs.pop("max_length")
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        # Pasted identifiers often carry spaces; Wikidata's Q and GND's X are capitals.
        return value.strip().upper() if isinstance(value, str) else value
