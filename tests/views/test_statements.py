"""Statements compiled once per connection give what their querysets give, for any value,
and a page built from them follows every change of what the public may see."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Document, Mention, Person, Restriction
from catalog.models.base import slug_url
from catalog.views import statements
from tests.restrictions.helpers import withhold
from tests.views import factories as make

pytestmark = pytest.mark.django_db


def _mentions(pk):
    return (
        Mention.objects.filter(translation__document=pk)
        .select_related("person", "agency")
        .annotate(roles=Count("person__roles"))
        .order_by("start")
    )


def _fields(record):
    return {f.attname: getattr(record, f.attname) for f in type(record)._meta.concrete_fields}


def test_a_statement_gives_what_its_queryset_gives_for_each_value(seed):
    other = make.document("other", "Saadoun Shaker again.")
    make.mention(other, "Saadoun Shaker", person=Person.objects.get(slug="saadoun-shaker"))
    for document in (seed, other.document, seed):
        expected = list(_mentions(document.pk))
        with CaptureQueriesContext(connection) as queries:
            found = statements.instances(("test mentions",), _mentions, document.pk)
        assert len(queries) == 1
        assert [_fields(m) for m in found] == [_fields(m) for m in expected]
        assert [m.roles for m in found] == [m.roles for m in expected]
        # select_related: the person comes with the mention, complete, without a query.
        with CaptureQueriesContext(connection) as queries:
            people = [_fields(m.person) if m.person else None for m in found]
        assert len(queries) == 0
        assert people == [_fields(m.person) if m.person else None for m in expected]


def test_a_statement_is_compiled_once_per_key():
    built = []

    def build(slug):
        built.append(slug)
        return Document.objects.filter(slug=slug)

    for slug in ("a", "b", "c"):
        assert statements.instances(("test once",), build, slug) == []
    assert len(built) == 1  # with a marker, not one of the slugs
    assert built[0] not in {"a", "b", "c"}
    statements.instances(("test once", Q(status="draft")), build, "a")
    assert len(built) == 2


def test_rows_take_dates_and_come_back_converted():
    for slug, date in (("early", "1979-03"), ("late", "1986-02-27")):
        make.document(slug, "Text.")
        Document.objects.filter(slug=slug).update(
            date=date, date_earliest=datetime.date.fromisoformat(f"{date}-01"[:10])
        )

    def build(day):
        return Document.objects.filter(date_earliest__gte=day).values_list("slug", "date_earliest")

    for day in (datetime.date(1970, 1, 1), datetime.date(1980, 1, 1), datetime.date(1990, 1, 1)):
        expected = sorted(build(day))
        assert sorted(statements.rows(("test dates",), build, day)) == expected
    assert statements.rows(("test dates",), build, datetime.date(1986, 1, 1)) == [
        ("late", datetime.date(1986, 2, 27))
    ]


def test_a_value_that_does_not_reach_the_sql_is_refused():
    with pytest.raises(ValueError, match="do not reach the SQL"):
        statements.instances(("test unused",), lambda pk: Document.objects.all(), 1)
    with pytest.raises(TypeError):
        statements.instances(("test float",), lambda number: Document.objects.all(), 1.5)


def test_addresses_are_those_reverse_gives(seed):
    person = Person.objects.get(slug="saadoun-shaker")
    assert seed.get_absolute_url() == reverse("catalog:document", args=[seed.slug])
    assert person.get_absolute_url() == reverse("catalog:person", args=[person.slug])
    assert slug_url("catalog:person", "x_1-2") == "/persons/x_1-2/"


def _restrict(**fields):
    withhold(quote="", **fields)


def test_the_page_follows_a_restriction_placed_after_its_statements_were_compiled(seed, client):
    """The compiled statements are keyed by what the reader may see: withholding a person
    or the whole document after the page was served changes the next page at once."""
    url = seed.get_absolute_url()
    page = client.get(url).content.decode()
    assert 'href="/persons/saadoun-shaker/"' in page
    _restrict(scope=Restriction.Scope.PERSON, person=Person.objects.get(slug="saadoun-shaker"))
    page = client.get(url).content.decode()
    assert "saadoun-shaker" not in page and "Saadoun Shaker" not in page
    assert page.count(">[personal data withheld until 2031]</span>") == 3
    _restrict(scope=Restriction.Scope.DOCUMENT, document=seed)
    assert client.get(url).status_code == 451


def test_a_draft_document_compiled_for_staff_stays_hidden_from_visitors(client, admin_client):
    draft = make.document("draft-memo", "Secret.", status=make.DRAFT).document
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    Document.objects.filter(pk=draft.pk).update(status=make.PUBLISHED)
    assert client.get(draft.get_absolute_url()).status_code == 200
