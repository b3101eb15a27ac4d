"""The long lists of a record's page (its documents, its contact events), a page at a time.

A person, an agency, a place or a subject may be named in thousands of documents. Its page
shows one page of each list (``SECTION_SIZE`` rows, chronological), the total, and links
to the other pages. A list is one query, whatever its length and whether or not it is
empty: its rows come with the total as a window count (``COUNT(*) OVER ()``), so that a
record page makes the same number of queries for every record and at every size of the
catalog. Only an address past the last page (which no link gives) costs a count more.

When the total is known already (a place's or a subject's documents, stored for the public
per catalog stamp: ``catalog.caching.counts``), the rows are read without the window count:
a window over every matching row makes the database read and sort them all, where a plain
``LIMIT`` keeps only the page's rows while it reads.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery, Window
from django.http import HttpRequest

from catalog.caching.counts import stored_total
from catalog.models import Document

SECTION_SIZE = 50
# A record's documents come in date order from the documents' index, each probed for the
# record (``documents_of``), when it has more than PROBED_FROM of them and the page asked
# for lies within the first PROBED_SHARE of them: otherwise reading them all is cheaper.
PROBED_FROM = 1_000
PROBED_SHARE = 1 / 20

# The columns a list on a record's page shows (title, link, date, draft badge) and the
# timeline places (the date's bounds): rows sorted whole stay narrow.
DOCUMENT_COLUMNS = ("slug", "status", "title", "date_display", "date_as_written")
EVENT_COLUMNS = (*DOCUMENT_COLUMNS, "date_earliest", "date_latest")


class Section(Page):
    """A page of one list of a record's page, asked for in the query parameter ``param``."""

    def __init__(self, rows, number, paginator, param: str, query: str):
        super().__init__(rows, number, paginator)
        self.param = param
        self.query = query  # the query string without ``param``, for the links

    @property
    def total(self) -> int:
        return self.paginator.count


def _number(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def section(
    request: HttpRequest,
    rows: QuerySet,
    param: str = "page",
    per_page: int | None = None,
    total: int | None = None,
) -> Section:
    """The page of ``rows`` (ordered) asked for in ``?{param}=``, with the total: one query.
    A page past the end (or not a number) gives the last page (the first). ``total``, when
    given, is the number of ``rows``, known already: the page is then read alone."""
    per_page = per_page or SECTION_SIZE
    number = _number(request.GET.get(param))
    if total is not None:
        number = min(number, max(-(-total // per_page), 1))
        found = list(rows[(number - 1) * per_page : number * per_page])
    else:
        counted = rows.annotate(section_total=Window(Count("*")))
        found = list(counted[(number - 1) * per_page : number * per_page])
        if not found and number > 1:
            number = max(-(-rows.count() // per_page), 1)
            found = list(counted[(number - 1) * per_page : number * per_page])
        total = found[0].section_total if found else 0  # read, not counted again
    paginator = Paginator(rows, per_page)
    paginator.count = total
    query = request.GET.copy()
    query.pop(param, None)
    return Section(found, number, paginator, param, query.urlencode())


def documents_of(request: HttpRequest, documents: QuerySet, links: QuerySet, kind: str, pk: int):
    """The page of ``documents`` (those visible to the visitor) that ``links`` (rows of a
    many-to-many table with ``document_id``: a place's) name, in date order
    (``Document.DATE_ORDER``), with their total.

    For the public the total is stored (``counts``, under ``kind`` for record ``pk``), and
    the page read alone. A record with few documents has them all read through ``links``
    and sorted for the page. For one with many, the first pages are read in date order from
    the documents' index (``document_date_order``), each document probed in ``links``,
    which stops at the page's last row instead of reading and sorting every document of the
    record: for a place named in one document in twenty, about 1,000 probes for the first
    page at any size of the catalog. The probe is a scalar subquery rather than ``EXISTS``:
    PostgreSQL turns ``EXISTS`` into a join and then sorts. Staff's lists (drafts included)
    are counted as they are read."""
    total = stored_total(request, kind, pk)
    documents = documents.only(*DOCUMENT_COLUMNS).order_by(*Document.DATE_ORDER)
    end = _number(request.GET.get("page")) * SECTION_SIZE
    if total is not None and total > PROBED_FROM and end <= total * PROBED_SHARE:
        probe = links.filter(document_id=OuterRef("pk")).values("document_id")[:1]
        documents = documents.alias(linked=Subquery(probe)).filter(linked__isnull=False)
        return section(request, documents, total=total)
    return section(request, documents.filter(pk__in=links.values("document_id")), total=total)
