"""A page of any list costs the same number of queries however many records it shows."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Agency, Person
from tests.views import factories as make

LISTS = [
    "/api/documents/",
    "/api/documents/?person=saadoun-shaker&subject=extra-subject",
    "/api/texts/",
    "/api/persons/",
    "/api/persons/?agency=mfs&date_from=1970",
    "/api/agencies/",
    "/api/agencies/?part_of=mfs",
    "/api/events/",
    "/api/events/?person=saadoun-shaker",
    "/api/subjects/",
    "/api/places/",
]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response.json()["results"], url
    return len(captured)


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_queries_do_not_grow_with_the_catalog(seed, client, signed_in):
    if signed_in:
        client.force_login(User.objects.create_user("archivist", is_staff=True))
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 2)
    before = {url: queries(client, url) for url in LISTS}
    make.grow(
        Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 12, prefix="more"
    )
    after = {url: queries(client, url) for url in LISTS}
    assert after == before
    assert max(after.values()) <= 16, after
