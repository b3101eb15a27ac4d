"""What every public page needs: who may see what, and the record at an address.

Anonymous visitors see published records only, everywhere; staff also see drafts,
marked as such. Every view goes through these helpers, so that a draft never leaks
into a list, a count, a timeline or a link on some other record's page.
"""

from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.shortcuts import redirect

from catalog.models import RetiredSlug, Status
from catalog.restrictions import public


def sees_drafts(user) -> bool:
    return user is not None and user.is_active and user.is_staff


def is_visible(record, user) -> bool:
    """Whether ``record`` (a publishable record, or None) may be shown to ``user``."""
    if record is None or public.hides(record):
        return False
    return record.status == Status.PUBLISHED or sees_drafts(user)


def visible_filter(user, prefix: str = "") -> dict:
    """Keyword arguments that limit a query on a related record to what ``user`` may see:
    ``Model.objects.filter(**visible_filter(user, "translation__document__"))``."""
    return {} if sees_drafts(user) else {f"{prefix}status": Status.PUBLISHED}


def visible_q(user, prefix: str) -> Q:
    """``visible_filter`` as a condition that also leaves out the documents and persons
    withheld whole (``prefix`` names the related record: "document__", "role__person__"):
    ``EventEvidence.objects.filter(visible_q(user, "translation__document__"), event=e)``."""
    return Q(**visible_filter(user, prefix)) & public.shown_q(prefix)


def find_visible(request: HttpRequest, model, slug: str, queryset=None):
    """(record, moved): the visible record ``slug`` names now or used to name, or 404."""
    queryset = (queryset if queryset is not None else model.objects).visible_to(request.user)
    record = queryset.filter(slug=slug).first()
    if record is not None:
        return record, False
    successor = RetiredSlug.lookup(model, slug)
    if successor is not None and queryset.filter(pk=successor.pk).exists():
        return successor, True
    raise Http404(f"No {model._meta.verbose_name} at this address.")


def get_visible_or_redirect(request: HttpRequest, model, slug: str, queryset=None):
    """The visible record with ``slug``, or a redirect from a retired slug, or 404."""
    record, moved = find_visible(request, model, slug, queryset)
    if moved:
        return redirect(record, permanent=True)
    return record


def paginate(request: HttpRequest, items, per_page: int, count: int | None = None) -> Page:
    """The page of ``items`` asked for in ?page=, the last one if it is past the end;
    ``count``, when known (stored), is not counted again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


def page_query(request: HttpRequest) -> str:
    """The current query string without ``page``, for the links to other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def chronological(prefix: str = "date") -> list:
    """Ordering for records with EDTF bounds: by the earliest day they may mean, an open
    start ("../1975") by its other end, undated records last, on every database."""
    when = Coalesce(F(f"{prefix}_earliest"), F(f"{prefix}_latest"))
    return [when.asc(nulls_last=True)]
