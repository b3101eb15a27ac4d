"""The long lists of a record's page (its documents, its contact events), a page at a time.

A person, an agency, a place or a subject may be named in thousands of documents. Its page
shows one page of each list (``SECTION_SIZE`` rows, chronological), the total, and links
to the other pages. A list is one query, whatever its length and whether or not it is
empty: its rows come with the total as a window count (``COUNT(*) OVER ()``), so that a
record page makes the same number of queries for every record and at every size of the
catalog. Only an address past the last page (which no link gives) costs a count more.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest

SECTION_SIZE = 50

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
    request: HttpRequest, rows: QuerySet, param: str = "page", per_page: int | None = None
) -> Section:
    """The page of ``rows`` (ordered) asked for in ``?{param}=``, with the total: one query.
    A page past the end (or not a number) gives the last page (the first)."""
    per_page = per_page or SECTION_SIZE
    number = _number(request.GET.get(param))
    counted = rows.annotate(section_total=Window(Count("*")))
    found = list(counted[(number - 1) * per_page : number * per_page])
    if not found and number > 1:
        number = max(-(-rows.count() // per_page), 1)
        found = list(counted[(number - 1) * per_page : number * per_page])
    paginator = Paginator(rows, per_page)
    paginator.count = found[0].section_total if found else 0  # read, not counted again
    query = request.GET.copy()
    query.pop(param, None)
    return Section(found, number, paginator, param, query.urlencode())
