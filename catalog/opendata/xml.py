"""Writing XML with lxml: one helper for elements, one for serialising, and the dates.

The formats (EAD 3, EAC-CPF 2.0, Dublin Core, OAI-PMH) each build a tree with ``sub``;
text is set through lxml, which escapes it, so nothing from the catalog is ever pasted
into markup.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Characters XML 1.0 cannot carry at all (C0 controls but tab, newline and return): a form
# feed pasted into a title must not make a whole harvest page fail.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(value) -> str:
    return NOT_XML.sub("", str(value))


def qname(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}" if namespace else tag


def element(namespace: str, tag: str, nsmap: dict | None = None, **attrs) -> etree._Element:
    """A root element in ``namespace``; attributes whose value is empty are left out."""
    return etree.Element(qname(namespace, tag), _attrs(attrs), nsmap=nsmap)


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """A child of ``parent`` in the parent's namespace (``tag`` may be ``{ns}tag``).

    Attribute names ending in ``_`` lose it (``class_``); an attribute whose value is
    empty or None is left out, so that optional attributes need no ``if``.
    """
    if not tag.startswith("{"):
        namespace = etree.QName(parent).namespace
        tag = qname(namespace or "", tag)
    child = etree.SubElement(parent, tag, _attrs(attrs))
    if text:
        child.text = clean(text)
    return child


def _attrs(attrs: dict) -> dict:
    out = {}
    for name, value in attrs.items():
        if value in (None, ""):
            continue
        name = name.rstrip("_")
        if name.startswith("xsi__"):
            name = qname(XSI, name[5:])
        elif name.startswith("xml__"):
            name = "{http://www.w3.org/XML/1998/namespace}" + name[5:]
        out[name] = clean(value)
    return out


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def utc_seconds(moment: datetime) -> str:
    """``2026-12-03T09:00:00Z``: the OAI-PMH datestamp granularity."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_day(day: date | None) -> str:
    return day.isoformat() if day else ""


def normal_from_bounds(earliest: date | None, latest: date | None) -> str:
    """An ISO 8601 date or interval from stored EDTF bounds: "1986-02-28",
    "1969-10-01/1969-10-31", "../1975-08-29" for an open start, "" when undated."""
    if earliest and latest:
        return earliest.isoformat() if earliest == latest else f"{earliest}/{latest}"
    if earliest:
        return f"{earliest}/.."
    if latest:
        return f"../{latest}"
    return ""
