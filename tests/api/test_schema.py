"""The OpenAPI schema describes the API, and every endpoint it lists answers as described."""

import pytest
from rest_framework.throttling import AnonRateThrottle

from catalog.models import Collection, CollectionDocument, Person, Status
from tests.api.conftest import every_page, get_json

KINDS = [
    *("documents", "texts", "persons", "agencies", "events", "collections", "subjects"),
    "places",
]


@pytest.fixture
def schema(seed, client):
    collection = Collection.objects.create(slug="iraq", title="Iraq", status=Status.PUBLISHED)
    CollectionDocument.objects.create(collection=collection, document=seed, position=1)
    return get_json(client, "/api/schema/", format="json")


def component(schema: dict, reference: dict) -> dict:
    name = reference["$ref"].rsplit("/", 1)[-1]
    return schema["components"]["schemas"][name]


def test_the_schema_lists_a_list_and_a_detail_endpoint_for_every_kind_of_record(schema):
    paths = set(schema["paths"])
    for kind in KINDS:
        assert f"/api/{kind}/" in paths
        assert any(p.startswith(f"/api/{kind}/{{") for p in paths), kind
    # Read-only: no path offers anything but GET.
    for path, operations in schema["paths"].items():
        assert set(operations) - {"parameters"} == {"get"}, path


def test_every_listed_endpoint_answers_with_the_fields_the_schema_describes(schema, client):
    checked = 0
    for path, operations in schema["paths"].items():
        if "{" in path:
            continue
        listing = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        page_schema = component(schema, listing)
        record_schema = component(schema, page_schema["properties"]["results"]["items"])
        fields = set(record_schema["properties"])

        page = get_json(client, path)
        assert set(page) == set(page_schema["properties"]), path
        assert page["results"], f"{path} lists nothing for the seed"
        for record in page["results"]:
            assert set(record) == fields, path
            assert set(record_schema.get("required", [])) <= set(record), path

        # The record's own address is the detail endpoint the schema lists, and it answers
        # with the same fields.
        detail = get_json(client, page["results"][0]["url"])
        assert set(detail) == fields, path
        detail_path = next(p for p in schema["paths"] if p.startswith(path + "{"))
        detail_schema = schema["paths"][detail_path]["get"]["responses"]["200"]["content"]
        assert component(schema, detail_schema["application/json"]["schema"]) == record_schema
        checked += 1
    assert checked == len(KINDS)


def test_every_filter_the_schema_names_is_accepted(schema, client):
    """Each query parameter of a list, given a harmless value, answers 200 or a 400 that
    names the parameter: never a server error."""
    for path, operations in schema["paths"].items():
        if "{" in path:
            continue
        for parameter in operations["get"].get("parameters", []):
            name = parameter["name"]
            if name == "cursor":
                continue
            value = (parameter["schema"].get("enum") or ["1975"])[0]
            response = client.get(path, {name: value})
            assert response.status_code in (200, 400), (path, name, response.status_code)
            if response.status_code == 400:
                assert name in response.json(), (path, name)


def test_the_seed_memo_is_in_the_api_with_what_its_page_shows(seed, client):
    memo = get_json(client, f"/api/documents/{seed.slug}/")
    assert memo["title"] == seed.title
    assert memo["page"] == f"http://testserver{seed.get_absolute_url()}"
    assert memo["original_languages"] == ["de"]
    assert "saadoun-shaker" in memo["persons"]
    assert "mfs" in memo["agencies"]
    assert "1975-08-29-scholz-meets-saadoun-shaker" in memo["events"]
    text = get_json(client, memo["texts"][0]["url"])
    assert text["document"] == seed.slug and text["text"].startswith(
        seed.translations.first().text[:40]
    )

    shaker = get_json(client, "/api/persons/saadoun-shaker/")
    assert "Sa'dun Shakir" in [name["name"] for name in shaker["names"]]
    assert ("Minister of the Interior", "iraq-ministry-of-the-interior") in {
        (office["title"], office["agency"]) for office in shaker["offices"]
    }
    assert shaker["identifiers"] == {"gnd": "", "viaf": "", "wikidata": ""}
    assert get_json(client, "/api/agencies/mfs-ha-x/")["parent"] == "mfs"


def test_a_list_is_walked_whole_by_its_cursor(seed, client):
    slugs = [record["slug"] for record in every_page(client, "/api/agencies/", page_size=2)]
    assert len(slugs) == len(set(slugs)) == 15
    assert slugs == sorted(slugs)


def test_filters_of_the_public_pages_narrow_the_lists(seed, client):
    names = every_page(client, "/api/persons/", name="shaker")
    assert [person["slug"] for person in names] == ["saadoun-shaker"]
    documents = get_json(client, "/api/documents/", person="saadoun-shaker")["results"]
    assert [document["slug"] for document in documents] == [seed.slug]
    assert get_json(client, "/api/documents/", q="Kalashnikov zzz")["results"] == []
    events = every_page(client, "/api/events/", person="saadoun-shaker", date_to="1975-12")
    assert "1975-08-29-scholz-meets-saadoun-shaker" in {event["slug"] for event in events}
    error = get_json(client, "/api/events/", status=400, date_from="spring 1975")
    assert "date_from" in error


def test_the_api_writes_nothing(seed, client):
    for method in (client.post, client.put, client.patch, client.delete):
        response = method("/api/persons/saadoun-shaker/", {}, content_type="application/json")
        assert response.status_code == 405


def test_a_retired_slug_leads_to_the_record_in_the_api_too(seed, client):
    shaker = Person.objects.get(slug="saadoun-shaker")
    shaker.slug = "saadoun-shaker-al-tikriti"
    shaker.save()
    response = client.get("/api/persons/saadoun-shaker/")
    assert response.status_code == 301
    assert response["Location"] == "/api/persons/saadoun-shaker-al-tikriti/"


def test_too_many_anonymous_requests_are_throttled(seed, client, monkeypatch):
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    statuses = [client.get("/api/subjects/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
