"""Whole pages from the cache for anonymous visitors: one query for a page seen before, never
a page older than the catalog or than today, never a draft, never what staff saw, never a
page that sets a cookie or holds a CSRF token."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.caching.middleware import ConditionalPublicPagesMiddleware
from catalog.models import Document, Status
from tests.views import factories as make

URL = "/documents/cached-memo/"


def queries(client, path: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers)
    return len(captured), response


@pytest.fixture
def memo(db) -> Document:
    return make.document("cached-memo", "A memo on liaison.", title="The cached memo").document


def test_a_page_seen_before_costs_one_query(client, memo, django_assert_num_queries):
    first = client.get(URL)
    assert first.status_code == 200 and "The cached memo" in first.content.decode()
    with django_assert_num_queries(1):  # the catalog version
        again = client.get(URL)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"] and "no-cache" in again["Cache-Control"]
    assert again["Content-Type"] == first["Content-Type"]
    with django_assert_num_queries(1):
        assert client.head(URL).status_code == 200
    # Another address, even by its query string only, is another page.
    assert queries(client, URL + "?x=1")[0] > 1


def test_publishing_editing_and_unpublishing_reach_the_next_visitor(client, db):
    draft = make.document("cached-memo", "A memo.", status=Status.DRAFT, title="Memo one").document
    assert client.get(URL).status_code == 404
    assert "Memo one" not in client.get("/documents/").content.decode()

    Document.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)  # as the admin does
    assert "Memo one" in client.get(URL).content.decode()
    assert "Memo one" in client.get("/documents/").content.decode()
    assert queries(client, URL)[0] == 1  # from the cache now

    draft.refresh_from_db()
    draft.title = "Memo renamed"
    draft.save()
    page = client.get(URL).content.decode()
    assert "Memo renamed" in page and "Memo one" not in page
    assert "Memo renamed" in client.get("/documents/").content.decode()

    Document.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    assert client.get(URL).status_code == 404
    assert "Memo renamed" not in client.get("/documents/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_committed_publication_reaches_a_cached_page(client):
    with transaction.atomic():
        draft = make.document("cached-memo", "A memo.", status=Status.DRAFT, title="Memo one")
    assert "Memo one" not in client.get("/documents/").content.decode()
    assert queries(client, "/documents/")[0] == 1
    with transaction.atomic():
        Document.objects.filter(pk=draft.document_id).update(status=Status.PUBLISHED)
    assert "Memo one" in client.get("/documents/").content.decode()
    with transaction.atomic():
        Document.objects.filter(pk=draft.document_id).update(status=Status.DRAFT)
    assert "Memo one" not in client.get("/documents/").content.decode()
    assert client.get(URL).status_code == 404


def test_staff_bypass_the_cache_and_what_they_see_is_never_stored(client, memo):
    make.document("secret-memo", "A draft.", status=Status.DRAFT, title="Secret memo")
    staff = User.objects.create_user("archivist", is_staff=True)
    client.force_login(staff)
    assert "Secret memo" in client.get("/documents/").content.decode()
    assert client.get("/documents/secret-memo/").status_code == 200
    count, page = queries(client, URL)
    assert page.status_code == 200 and count > 1
    assert queries(client, URL)[0] > 1  # never from the cache, even seen before
    client.logout()
    # Nothing staff saw was kept: the anonymous visitor's first view runs the page.
    count, listing = queries(client, "/documents/")
    assert count > 1 and "Secret memo" not in listing.content.decode()
    assert client.get("/documents/secret-memo/").status_code == 404
    assert queries(client, URL)[0] > 1
    # The anonymous copies are not shown to staff either.
    client.force_login(staff)
    assert "Secret memo" in client.get("/documents/").content.decode()


def test_a_page_cached_today_is_computed_again_tomorrow(client, memo, monkeypatch):
    first = client.get(URL)
    assert queries(client, URL)[0] == 1
    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + timedelta(days=1))
    count, tomorrow = queries(client, URL, **{"If-None-Match": first["ETag"]})
    assert count > 1 and tomorrow.status_code == 200
    assert tomorrow["ETag"] != first["ETag"]
    assert queries(client, URL)[0] == 1  # and cached for the new day


def _counting(view):
    calls = []

    def counted(request):
        calls.append(request.path)
        return view(request)

    return ConditionalPublicPagesMiddleware(counted), calls


def _ask(rf, middleware, path="/documents/", **cookies):
    request = rf.get(path)
    request.user = AnonymousUser()
    request.COOKIES.update(cookies)
    return middleware(request)


def _plain(request):
    return HttpResponse("A page.")


def _sets_cookie(request):
    response = HttpResponse("A page with a cookie.")
    response.set_cookie("seen", "1")
    return response


def _csrf(request):
    return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")


def _not_found(request):
    return HttpResponse("Gone.", status=404)


def _streaming(request):
    return StreamingHttpResponse(iter(["a,b\n"]))


def _private(request):
    response = HttpResponse("Mine.")
    response["Cache-Control"] = "private"
    return response


def _varies(request):
    response = HttpResponse("In your language.")
    response["Vary"] = "Accept-Language"
    return response


@pytest.mark.django_db
def test_a_plain_page_is_kept(rf):
    middleware, calls = _counting(_plain)
    assert _ask(rf, middleware).content == _ask(rf, middleware).content == b"A page."
    assert len(calls) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view",
    [_sets_cookie, _csrf, _not_found, _streaming, _private, _varies],
    ids=lambda view: view.__name__,
)
def test_pages_that_are_the_visitors_own_or_not_plain_are_never_kept(rf, view):
    middleware, calls = _counting(view)
    _ask(rf, middleware)
    _ask(rf, middleware)
    assert len(calls) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/persons/", "/oai/", "/admin/", "/static/site.css"])
def test_the_api_oai_admin_and_static_files_are_never_kept(rf, path):
    middleware, calls = _counting(_plain)
    _ask(rf, middleware, path)
    _ask(rf, middleware, path)
    assert len(calls) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_visitor_with_a_session_or_messages_is_never_answered_from_the_cache(rf, cookie):
    middleware, calls = _counting(_plain)
    _ask(rf, middleware)
    _ask(rf, middleware, **{cookie: "x"})
    assert len(calls) == 2
    _ask(rf, middleware)
    assert len(calls) == 2
