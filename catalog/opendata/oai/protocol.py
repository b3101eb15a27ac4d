"""The OAI-PMH 2.0 protocol: the six verbs, their arguments and errors, as XML.

``respond(arguments, base_url, absolute)`` answers one request, given its arguments as
lists of values (a repeated argument is an error, so the lists matter). Every error
code the protocol defines is raised where it applies: ``badVerb``, ``badArgument``,
``badResumptionToken``, ``cannotDisseminateFormat``, ``idDoesNotExist`` and
``noRecordsMatch``. ``noMetadataFormats`` cannot arise (every item has a format) and
``noSetHierarchy`` neither (the repository has sets).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from lxml import etree

from catalog.models import Collection, Place, Status, Subject
from catalog.opendata.common import Context, repository_name
from catalog.opendata.dublin_core import SCHEMA as OAI_DC_SCHEMA
from catalog.opendata.dublin_core import dublin_core
from catalog.opendata.eac import NS as EAC_NS
from catalog.opendata.eac import AuthorityFacts, eac
from catalog.opendata.ead import NS as EAD_NS
from catalog.opendata.ead import DocumentFacts, ead
from catalog.opendata.oai import records
from catalog.opendata.oai.tokens import BadToken, Token, expiration
from catalog.opendata.xml import element, serialise, sub, utc_seconds

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: prefix -> (schema, namespace)
FORMATS = {
    "oai_dc": (OAI_DC_SCHEMA, "http://www.openarchives.org/OAI/2.0/oai_dc/"),
    "ead": ("https://www.loc.gov/ead/ead3.xsd", EAD_NS),
    "eac-cpf": ("https://eac.staatsbibliothek-berlin.de/schema/v2/eac.xsd", EAC_NS),
}

LIST_ARGUMENTS = ({"metadataPrefix"}, {"from", "until", "set"})
#: verb -> (required, optional); a resumptionToken, where allowed, is exclusive.
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "ListIdentifiers": LIST_ARGUMENTS,
    "ListRecords": LIST_ARGUMENTS,
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
RESUMABLE = {"ListSets", "ListIdentifiers", "ListRecords"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
SET_SPEC = re.compile(r"^(subject|place|collection)(:[a-z0-9_-]+)?$")


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def page_size() -> int:
    return int(getattr(settings, "OAI_PAGE_SIZE", 100))


def respond(arguments: dict[str, list[str]], base_url: str, absolute) -> bytes:
    """The response to one request, as UTF-8 XML."""
    root = element(OAI, "OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    sub(root, "responseDate", utc_seconds(datetime.now(UTC)))
    request = sub(root, "request", base_url)
    try:
        verb, args = _checked(arguments)
    except OAIError as error:
        # After badVerb or badArgument the request element carries no attributes.
        sub(root, "error", error.message, code=error.code)
        return serialise(root)
    for name, value in sorted(args.items()):
        request.set(name, value)
    request.set("verb", verb)
    try:
        HANDLERS[verb](root, args, base_url, Context(absolute))
    except OAIError as error:
        for child in list(root)[2:]:
            root.remove(child)
        if error.code == "badArgument":
            request.attrib.clear()
        sub(root, "error", error.message, code=error.code)
    return serialise(root)


def _checked(arguments: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    verbs = arguments.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        message = "The verb is missing." if not verbs else "The verb is repeated or unknown."
        raise OAIError("badVerb", message)
    verb = verbs[0]
    required, optional = VERBS[verb]
    allowed = required | optional | ({"resumptionToken"} if verb in RESUMABLE else set())
    args = {}
    for name, values in arguments.items():
        if name == "verb":
            continue
        if name not in allowed:
            raise OAIError("badArgument", f"{verb} takes no argument “{name}”.")
        if len(values) != 1:
            raise OAIError("badArgument", f"The argument “{name}” is repeated.")
        args[name] = values[0]
    if "resumptionToken" in args:
        if len(args) > 1:
            raise OAIError("badArgument", "A resumptionToken is the only argument it allows.")
        return verb, args
    missing = sorted(required - set(args))
    if missing:
        raise OAIError("badArgument", f"{verb} needs the argument {', '.join(missing)}.")
    return verb, args


def _moment(value: str, name: str, end: bool) -> tuple[datetime, str]:
    """(bound, granularity) of a from/until argument; ``until`` bounds are exclusive."""
    if DAY.match(value):
        granularity, step, pattern = "day", timedelta(days=1), "%Y-%m-%d"
    elif SECOND.match(value):
        granularity, step, pattern = "second", timedelta(seconds=1), "%Y-%m-%dT%H:%M:%SZ"
    else:
        raise OAIError(
            "badArgument",
            f"“{name}” must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, not “{value}”.",
        )
    try:
        moment = datetime.strptime(value, pattern).replace(tzinfo=UTC)
    except ValueError as error:
        raise OAIError("badArgument", f"“{value}” is not a date.") from error
    return (moment + step if end else moment), granularity


def _selection(prefix: str, set_spec: str, since: str, until: str) -> records.Selection:
    if prefix not in FORMATS:
        raise OAIError("cannotDisseminateFormat", f"No metadata format “{prefix}” here.")
    if set_spec and not SET_SPEC.match(set_spec):
        raise OAIError("badArgument", f"“{set_spec}” is not a setSpec of this repository.")
    start = before = None
    if since:
        start, granularity_from = _moment(since, "from", end=False)
    if until:
        before, granularity_until = _moment(until, "until", end=True)
    if since and until:
        if granularity_from != granularity_until:
            raise OAIError("badArgument", "“from” and “until” must have the same granularity.")
        if start >= before:
            raise OAIError("badArgument", "“from” is later than “until”.")
    return records.Selection(prefix, set_spec, start, before)


# -- the verbs --------------------------------------------------------------------------


def identify(root, args, base_url, ctx) -> None:
    node = sub(root, "Identify")
    sub(node, "repositoryName", repository_name())
    sub(node, "baseURL", base_url)
    sub(node, "protocolVersion", "2.0")
    sub(node, "adminEmail", getattr(settings, "OAI_ADMIN_EMAIL", "archivist@example.org"))
    earliest = records.earliest_datestamp() or datetime(1970, 1, 1, tzinfo=UTC)
    sub(node, "earliestDatestamp", utc_seconds(earliest))
    sub(node, "deletedRecord", "transient")
    sub(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    scheme = "http://www.openarchives.org/OAI/2.0/oai-identifier"
    description = sub(node, "description")
    about = etree.SubElement(description, f"{{{scheme}}}oai-identifier", nsmap={None: scheme})
    about.set(f"{{{XSI}}}schemaLocation", f"{scheme} {scheme}.xsd")
    sub(about, "scheme", "oai")
    sub(about, "repositoryIdentifier", records.namespace())
    sub(about, "delimiter", ":")
    sub(about, "sampleIdentifier", f"oai:{records.namespace()}:document/1")


def list_metadata_formats(root, args, base_url, ctx) -> None:
    prefixes = list(FORMATS)
    if "identifier" in args:
        prefixes = list(_entry(args["identifier"]).kind.formats)
    node = sub(root, "ListMetadataFormats")
    for prefix in prefixes:
        schema, namespace = FORMATS[prefix]
        listed = sub(node, "metadataFormat")
        sub(listed, "metadataPrefix", prefix)
        sub(listed, "schema", schema)
        sub(listed, "metadataNamespace", namespace)


def list_sets(root, args, base_url, ctx) -> None:
    if "resumptionToken" in args:
        raise OAIError("badResumptionToken", "ListSets answers in one response; no token.")
    node = sub(root, "ListSets")
    for family, model, label in (("subject", Subject, "Subjects"), ("place", Place, "Places")):
        listed = sub(node, "set")
        sub(listed, "setSpec", family)
        sub(listed, "setName", f"{label} (documents by {family})")
        terms = model.objects.filter(documents__status=Status.PUBLISHED).distinct()
        for term in terms.order_by("name"):
            listed = sub(node, "set")
            sub(listed, "setSpec", f"{family}:{term.slug}")
            sub(listed, "setName", term.name)
    listed = sub(node, "set")
    sub(listed, "setSpec", "collection")
    sub(listed, "setName", "Collections (documents by curated collection)")
    collections = Collection.objects.published().filter(documents__status=Status.PUBLISHED)
    for collection in collections.distinct().order_by("title"):
        listed = sub(node, "set")
        sub(listed, "setSpec", f"collection:{collection.slug}")
        sub(listed, "setName", collection.title)


def _entry(identifier: str) -> records.Entry:
    parsed = records.parse_identifier(identifier)
    entry = records.find(*parsed) if parsed else None
    if entry is None:
        raise OAIError("idDoesNotExist", f"No item “{identifier}” in this repository.")
    return entry


def get_record(root, args, base_url, ctx) -> None:
    prefix = args["metadataPrefix"]
    if prefix not in FORMATS:
        raise OAIError("cannotDisseminateFormat", f"No metadata format “{prefix}” here.")
    entry = _entry(args["identifier"])
    if prefix not in entry.kind.formats:
        raise OAIError(
            "cannotDisseminateFormat", f"A {entry.kind.name} is not disseminated as {prefix}."
        )
    node = sub(root, "GetRecord")
    _records(node, [entry], prefix, ctx, with_metadata=True)


def list_identifiers(root, args, base_url, ctx) -> None:
    _list(root, args, ctx, "ListIdentifiers", with_metadata=False)


def list_records(root, args, base_url, ctx) -> None:
    _list(root, args, ctx, "ListRecords", with_metadata=True)


def _list(root, args, ctx, verb: str, with_metadata: bool) -> None:
    if "resumptionToken" in args:
        try:
            token = Token.decode(args["resumptionToken"], verb)
        except BadToken as error:
            raise OAIError("badResumptionToken", str(error)) from error
        prefix, set_spec, since, until = token.prefix, token.set_spec, token.since, token.until
        cursor, last = token.cursor, token.last
    else:
        prefix, set_spec = args["metadataPrefix"], args.get("set", "")
        since, until, cursor, last = args.get("from", ""), args.get("until", ""), 0, None
    selection = _selection(prefix, set_spec, since, until)
    entries, more = records.page(selection, last, page_size())
    if not entries and last is None:
        raise OAIError("noRecordsMatch", "No records match these arguments.")
    node = sub(root, verb)
    _records(node, entries, prefix, ctx, with_metadata)
    if last is None and not more:
        return  # a complete list in one response needs no token
    total = records.count(selection)
    token = sub(node, "resumptionToken", completeListSize=total, cursor=cursor)
    if more:
        following = Token(
            verb, prefix, set_spec, since, until, entries[-1].key, cursor + len(entries)
        )
        token.text = following.encode()
        token.set("expirationDate", utc_seconds(expiration()))


def _records(node, entries, prefix: str, ctx: Context, with_metadata: bool) -> None:
    live = [e.record for e in entries if not e.deleted]
    documents = [r for r in live if isinstance(r, records.Document)]
    authorities = [r for r in live if not isinstance(r, records.Document)]
    if with_metadata:
        facts = DocumentFacts.load(documents) if documents else DocumentFacts()
        authority_facts = AuthorityFacts.load(authorities) if authorities else None
    elif documents:
        prefetch_related_objects(documents, "subjects", "places")
    if documents:
        published = Collection.objects.published().order_by("slug")
        prefetch_related_objects(
            documents, Prefetch("collections", published, to_attr="published_collections")
        )
    for entry in entries:
        parent = sub(node, "record") if with_metadata else node
        header = sub(parent, "header", status="deleted" if entry.deleted else "")
        sub(header, "identifier", entry.identifier)
        sub(header, "datestamp", utc_seconds(entry.stamp))
        if entry.deleted or not with_metadata and entry.kind.name != "document":
            continue
        if entry.kind.name == "document":
            for subject in entry.record.subjects.all():
                sub(header, "setSpec", f"subject:{subject.slug}")
            for place in entry.record.places.all():
                sub(header, "setSpec", f"place:{place.slug}")
            for collection in entry.record.published_collections:
                sub(header, "setSpec", f"collection:{collection.slug}")
        if not with_metadata:
            continue
        metadata = sub(parent, "metadata")
        if prefix == "oai_dc":
            metadata.append(dublin_core(entry.record, facts, ctx))
        elif prefix == "ead":
            metadata.append(ead(entry.record, facts, ctx))
        else:
            metadata.append(eac(entry.record, authority_facts, ctx))


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}
