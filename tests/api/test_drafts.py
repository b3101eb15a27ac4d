"""No draft appears through the API: not in a list, a filter, a detail address or a link
from a published record; staff, signed in, see drafts as on the pages."""

import json

import pytest
from django.contrib.auth.models import User

from catalog.models import Translation
from tests.api.conftest import every_page, get_json
from tests.views.test_drafts import SECRETS, drafts  # noqa: F401  (the fixture)

KINDS = ["documents", "texts", "persons", "agencies", "events", "subjects", "places"]
# Every filter of every list, given the slug of a draft or a value only a draft matches.
DRAFT_FILTERS = {
    "documents": [
        {"q": "Chief of Everything"},
        {"person": "hidden-harald"},
        {"agency": "secret-bureau"},
        {"subject": "counterintelligence"},
        {"place": "iraq"},
        {"year_from": "1980", "year_to": "1980"},
    ],
    "texts": [{"document": "unreleased-memo"}, {"language": "en"}],
    "persons": [
        {"name": "Hidden"},
        {"agency": "mfs"},
        {"office": "Deputy"},
        {"date_from": "1975", "date_to": "1980"},
    ],
    "agencies": [{"name": "Secret"}, {"part_of": "mfs"}, {"office": "Liaison"}],
    "events": [
        {"person": "saadoun-shaker"},
        {"agency": "mfs"},
        {"date_from": "1978", "date_to": "1978"},
    ],
}
DRAFT_DETAILS = [
    "/api/persons/hidden-harald/",
    "/api/agencies/secret-bureau/",
    "/api/events/clandestine-rendezvous/",
    "/api/documents/unreleased-memo/",
]


def assert_no_secret(data, where: str) -> None:
    text = json.dumps(data, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} shows in {where}"


def test_no_draft_appears_in_any_list_or_filter(drafts, client):  # noqa: F811
    for kind in KINDS:
        assert_no_secret(every_page(client, f"/api/{kind}/"), kind)
        for params in DRAFT_FILTERS.get(kind, []):
            response = client.get(f"/api/{kind}/", params)
            # A draft's slug is no valid choice: refused as such, or matching nothing.
            assert response.status_code in (200, 400), (kind, params)
            assert_no_secret(response.json(), f"{kind} {params}")


def test_no_draft_is_found_at_its_address_or_linked_from_a_published_record(drafts, client):  # noqa: F811
    for url in DRAFT_DETAILS:
        assert client.get(url).status_code == 404, url
    draft_text = Translation.objects.get(document__slug="unreleased-memo")
    assert client.get(f"/api/texts/{draft_text.pk}/").status_code == 404
    for url in (
        "/api/documents/mfs-relations-with-iraqi-intelligence-1986/",
        "/api/persons/saadoun-shaker/",
        "/api/agencies/mfs/",
        "/api/events/1975-08-29-scholz-meets-saadoun-shaker/",
        "/api/places/iraq/",
    ):
        assert_no_secret(get_json(client, url), url)


def test_an_office_attested_only_by_a_draft_is_not_listed(drafts, client):  # noqa: F811
    offices = get_json(client, "/api/persons/saadoun-shaker/")["offices"]
    assert "Chief of Everything" not in {office["title"] for office in offices}
    assert "Liaison officer" in {office["title"] for office in offices}  # its agency is a draft
    assert {office["agency"] for office in offices if office["title"] == "Liaison officer"} == {
        None
    }


@pytest.mark.parametrize("kind", ["documents", "persons", "agencies", "events"])
def test_staff_see_drafts_through_the_api_too(drafts, client, kind):  # noqa: F811
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    statuses = {record["status"] for record in every_page(client, f"/api/{kind}/")}
    assert statuses == {"draft", "published"}
