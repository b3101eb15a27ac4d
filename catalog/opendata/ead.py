"""A document as an EAD 3 file-level description (``<archdesc level="file">``).

What the catalog holds maps onto EAD 3 (the Society of American Archivists' schema,
namespace ``http://ead3.archivists.org/schema/``) thus:

- ``unitid``: each archival reference as written ("BStU, ZA, HA X 104, pp. 49-51"), with
  the holding ``repository``; ``unittitle``; ``unitdate`` as published, with ``@normal``
  from the stored EDTF bounds, and ``unitdatestructured`` (a single date, or a range for
  an EDTF interval, with ``@notbefore``/``@notafter`` where the day is not known);
- ``langmaterial``: the original languages (ISO 639-2/B);
- ``origination``: the published agency whose file unit the reference names (HA X for
  "HA X 104"): the body in whose files the document was kept;
- ``controlaccess``: the published persons and agencies mentioned, the places and subjects;
- ``odd`` (translation): each text's credit line and its translator; ``altformavail``: the
  publisher's online edition; ``prefercite``, ``userestrict``, ``scopecontent``.

``DocumentFacts.load`` reads what a page of documents needs in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, prefetch_related_objects
from django.urls import reverse
from lxml import etree

from catalog.models import (
    AgencyName,
    Mention,
    NameKind,
    Status,
)
from catalog.models.base import DatePrecision, web_url
from catalog.models.documents import document_prefetches
from catalog.models.provenance import document_publisher_address
from catalog.opendata.common import Context, iso639_2b, repository_name
from catalog.opendata.xml import element, iso_day, normal_from_bounds, sub, utc_seconds
from catalog.restrictions import public

NS = "http://ead3.archivists.org/schema/"
SCHEMA_LOCATION = f"{NS} https://www.loc.gov/ead/ead3.xsd"


@dataclass
class DocumentFacts:
    """Per document: the published persons and agencies it mentions, and its originator."""

    persons: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    agencies: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    origination: dict[str, object] = field(default_factory=dict)  # file unit -> agency

    @classmethod
    def load(cls, documents: list) -> DocumentFacts:
        """Prefetch what EAD and Dublin Core need for ``documents``: eight queries."""
        facts = cls()
        if not documents:
            return facts
        prefetch_related_objects(documents, *document_prefetches())
        mentions = (
            Mention.objects.filter(translation__document__in=[d.pk for d in documents])
            .annotate(document_id=F("translation__document_id"))
            .select_related("person", "agency")
            .order_by("start")
        )
        for mention in mentions:
            if not public.passage_shown(mention):
                continue  # named in withheld text: not named here either
            for record, found in (
                (mention.person, facts.persons),
                (mention.agency, facts.agencies),
            ):
                published = record is not None and record.status == Status.PUBLISHED
                published = published and not public.hides(record)
                if published and record not in found[mention.document_id]:
                    found[mention.document_id].append(record)
        units = {r.unit for d in documents for r in d.archival_references.all() if r.unit}
        if units:
            names = AgencyName.objects.filter(
                kind=NameKind.ABBREVIATION, name__in=units, agency__status=Status.PUBLISHED
            ).select_related("agency")
            found_units: dict[str, list] = defaultdict(list)
            for name in names:
                found_units[name.name].append(name.agency)
            # An abbreviation two agencies share names neither for certain.
            facts.origination = {u: a[0] for u, a in found_units.items() if len(a) == 1}
        return facts

    def originators(self, document) -> list:
        agencies = []
        for reference in document.archival_references.all():
            agency = self.origination.get(reference.unit)
            if agency is not None and agency not in agencies:
                agencies.append(agency)
        return agencies


def ead(document, facts: DocumentFacts, ctx: Context) -> etree._Element:
    """The EAD 3 description of one published document."""
    root = element(NS, "ead", nsmap={None: NS, "xsi": "http://www.w3.org/2001/XMLSchema-instance"})
    root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", SCHEMA_LOCATION)
    url = ctx.url(document)
    _control(root, document, url)
    archdesc = sub(root, "archdesc", level="file")
    _did(archdesc, document, facts, ctx)
    if document.summary:
        sub(sub(archdesc, "scopecontent"), "p", document.summary)
    if document.classification:
        odd = sub(archdesc, "odd", localtype="classification")
        sub(odd, "head", "Original classification")
        sub(odd, "p", document.classification)
    _translations(archdesc, document, ctx)
    _publication(archdesc, document)
    _controlaccess(archdesc, document, facts, ctx)
    return root


def _control(root, document, url: str) -> None:
    control = sub(
        root,
        "control",
        langencoding="iso639-2b",
        scriptencoding="iso15924",
        dateencoding="iso8601",
    )
    sub(control, "recordid", f"document-{document.pk}", instanceurl=url)
    filedesc = sub(control, "filedesc")
    sub(sub(filedesc, "titlestmt"), "titleproper", document.title)
    publication = sub(filedesc, "publicationstmt")
    sub(publication, "publisher", repository_name())
    sub(control, "maintenancestatus", value="revised")
    sub(control, "publicationstatus", value="approved")
    sub(sub(control, "maintenanceagency"), "agencyname", repository_name())
    declaration = sub(control, "languagedeclaration")
    sub(declaration, "language", "English", langcode="eng")
    sub(declaration, "script", "Latin", scriptcode="Latn")
    history = sub(control, "maintenancehistory")
    for kind, moment in (("created", document.created), ("revised", document.modified)):
        event = sub(history, "maintenanceevent")
        sub(event, "eventtype", value=kind)
        sub(event, "eventdatetime", utc_seconds(moment), standarddatetime=utc_seconds(moment))
        sub(event, "agenttype", value="machine")
        sub(event, "agent", repository_name())


def _did(archdesc, document, facts: DocumentFacts, ctx: Context) -> None:
    did = sub(archdesc, "did")
    references = list(document.archival_references.all())
    for reference in references:
        sub(did, "unitid", reference.as_written, localtype="archival-reference")
    repositories = []
    for reference in references:
        if reference.repository is not None and reference.repository not in repositories:
            repositories.append(reference.repository)
    for holder in repositories:
        repository = sub(did, "repository")
        corpname = sub(repository, "corpname", identifier=web_url(holder.url))
        sub(corpname, "part", holder.name)
    sub(did, "unittitle", document.title)
    written = document.date_as_written or document.date_display
    if written or document.date:
        normal = ""
        if document.date_earliest and document.date_latest:
            normal = normal_from_bounds(document.date_earliest, document.date_latest)
        sub(did, "unitdate", written or document.date, normal=normal)
        _unitdatestructured(did, document)
    languages = list(document.original_languages.all())
    if languages:
        langmaterial = sub(did, "langmaterial")
        for language in languages:
            sub(langmaterial, "language", language.name, langcode=iso639_2b(language.code))
    originators = facts.originators(document)
    if originators:
        origination = sub(did, "origination", label="Files of")
        for agency in originators:
            sub(sub(origination, "corpname", identifier=ctx.url(agency)), "part", agency.name)
    if document.summary:
        sub(did, "abstract", document.summary)


def _unitdatestructured(did, document) -> None:
    earliest, latest = document.date_earliest, document.date_latest
    if not (earliest or latest):
        return
    structured = sub(did, "unitdatestructured")
    words = document.date_display or document.date
    if document.date_precision == DatePrecision.INTERVAL:
        daterange = sub(structured, "daterange")
        sub(daterange, "fromdate", iso_day(earliest), standarddate=iso_day(earliest))
        sub(daterange, "todate", iso_day(latest), standarddate=iso_day(latest))
    elif earliest and earliest == latest:
        sub(structured, "datesingle", words, standarddate=iso_day(earliest))
    else:
        sub(structured, "datesingle", words, notbefore=iso_day(earliest), notafter=iso_day(latest))


def _translations(archdesc, document, ctx: Context) -> None:
    for translation in public.shown_texts(document.translations.all()):
        odd = sub(archdesc, "odd", localtype=translation.kind)
        sub(odd, "head", f"{translation.get_kind_display()} ({translation.language.name})")
        if translation.credit_line:
            sub(odd, "p", translation.credit_line)
        translator = translation.translator
        if translator is not None and translator.status == Status.PUBLISHED:
            p = sub(odd, "p")
            name = sub(p, "persname", relator="translator", identifier=ctx.url(translator))
            sub(name, "part", translator.preferred_name)
        body = translation.commissioned_by
        if body is not None and body.status == Status.PUBLISHED:
            p = sub(odd, "p")
            name = sub(p, "corpname", relator="sponsor", identifier=ctx.url(body))
            sub(name, "part", body.name)
        if len(odd) == 1:
            sub(odd, "p", f"{translation.get_kind_display()} in {translation.language.name}.")


def _publication(archdesc, document) -> None:
    address = web_url(document_publisher_address(document).permanent)
    if document.publisher or address:
        altformavail = sub(archdesc, "altformavail")
        p = sub(
            altformavail,
            "p",
            f"Published online by the {document.publisher}"
            if document.publisher
            else "Published online",
        )
        if address:
            p.text += ": "
            sub(p, "ref", address, href=address)
    if document.citation:
        sub(sub(archdesc, "prefercite"), "p", document.citation)
    if document.rights:
        sub(sub(archdesc, "userestrict"), "p", document.rights)


def _controlaccess(archdesc, document, facts: DocumentFacts, ctx: Context) -> None:
    persons = sorted(facts.persons.get(document.pk, []), key=lambda p: p.sort_name)
    agencies = sorted(facts.agencies.get(document.pk, []), key=lambda a: a.name)
    places, subjects = list(document.places.all()), list(document.subjects.all())
    if not (persons or agencies or places or subjects):
        return
    access = sub(archdesc, "controlaccess")
    for person in persons:
        sub(sub(access, "persname", identifier=ctx.url(person)), "part", person.preferred_name)
    for agency in agencies:
        sub(sub(access, "corpname", identifier=ctx.url(agency)), "part", agency.name)
    for place in places:
        path = reverse("catalog:place", args=[place.slug])
        sub(sub(access, "geogname", identifier=ctx.absolute(path)), "part", place.name)
    for subject in subjects:
        path = reverse("catalog:subject", args=[subject.slug])
        sub(sub(access, "subject", identifier=ctx.absolute(path)), "part", subject.name)
