"""Every public address of the catalog, for tests that prove something appears nowhere."""

from catalog.models import Agency, ContactEvent, Document, Person, Place, Subject
from catalog.opendata.oai.protocol import FORMATS
from catalog.publishing.sitemaps import SITEMAPS

STATIC = [
    "/",
    "/documents/",
    "/documents/?sort=date",
    "/documents.csv",
    "/persons/",
    "/agencies/",
    "/events/",
    "/events/?date_from=1960&date_to=1990",
    "/network/",
    "/network/?group=none",
    "/subjects/",
    "/places/",
    "/sitemap.xml",
    "/feeds/documents.atom",
    "/api/",
    "/api/schema/",
    "/oai/?verb=Identify",
    "/oai/?verb=ListSets",
    *[f"/sitemap-{section}.xml" for section in SITEMAPS],
]
API_KINDS = ["documents", "texts", "persons", "agencies", "events", "subjects", "places"]


def every_url(words=("Taher", "Amin", "Shaker", "Baghdad", "Taher Ahmed Amin")) -> list[str]:
    """The static pages, every record's pages and downloads, the API and the OAI lists in
    every format, and searches (page and CSV) for ``words``."""
    urls = list(STATIC)
    for document in Document.objects.all():
        base = f"/documents/{document.slug}/"
        urls += [base, f"{base}ead.xml", *(f"{base}cite.{fmt}" for fmt in ("bib", "ris", "json"))]
        urls.append(f"/api/documents/{document.slug}/")
    for person in Person.objects.all():
        urls += [f"/persons/{person.slug}/", f"/persons/{person.slug}/eac.xml"]
        urls.append(f"/api/persons/{person.slug}/")
    for agency in Agency.objects.all():
        urls += [f"/agencies/{agency.slug}/", f"/agencies/{agency.slug}/eac.xml"]
        urls.append(f"/api/agencies/{agency.slug}/")
    for event in ContactEvent.objects.all():
        urls += [f"/events/{event.slug}/", f"/api/events/{event.slug}/"]
    for model, path in ((Subject, "subjects"), (Place, "places")):
        for record in model.objects.all():
            urls += [f"/{path}/{record.slug}/", f"/api/{path}/{record.slug}/"]
    urls += [f"/api/{kind}/" for kind in API_KINDS]
    urls += [f"/api/{kind}/?page_size=1000" for kind in API_KINDS]
    for prefix in FORMATS:
        urls.append(f"/oai/?verb=ListRecords&metadataPrefix={prefix}")
        urls.append(f"/oai/?verb=ListIdentifiers&metadataPrefix={prefix}")
    for word in words:
        urls += [f"/documents/?q={word}", f"/documents.csv?q={word}"]
        urls.append(f"/api/documents/?q={word}")
    return urls


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def fetch_all(client, urls):
    """(url, status, text) of each address, following OAI resumption tokens."""
    import re

    found = []
    queue = list(urls)
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        text = body(response)
        found.append((url, response.status_code, text))
        token = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", text)
        if url.startswith("/oai/") and token:
            verb = re.search(r"verb=(\w+)", url).group(1)
            queue.append(f"/oai/?verb={verb}&resumptionToken={token.group(1)}")
    return found
