"""The IIIF Presentation 3.0 manifest of a document: valid against the official schema,
with the catalog's metadata, a canvas per shown page and the text's passages on them."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from jsonschema import Draft7Validator

from catalog.models import Restriction, Status, TextPage, Translation
from catalog.scans.iiif.presentation import rights_uri
from tests.scans.iiif.conftest import PAGES, TEXT, scanned_document
from tests.scans.iiif.test_image_service import withhold

pytestmark = pytest.mark.django_db

# The Presentation 3.0 schema of the IIIF presentation validator
# (github.com/IIIF/presentation-validator, schema/iiif_3_0.json, Apache-2.0).
SCHEMA = json.loads((Path(__file__).parent / "iiif_3_0.json").read_text())
VALIDATOR = Draft7Validator(SCHEMA)


def valid(manifest: dict) -> dict:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(manifest)]
    assert not errors, "\n".join(errors)
    return manifest


def fetch(client, slug="scanned-memo") -> dict:
    response = client.get(f"/documents/{slug}/manifest.json")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/ld+json")
    return valid(response.json())


def annotations(canvas: dict) -> list[dict]:
    return [item for page in canvas.get("annotations", []) for item in page["items"]]


def test_the_manifest_validates_and_names_each_pages_label(client):
    document = scanned_document()
    manifest = fetch(client)
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["id"] == "http://testserver/documents/scanned-memo/manifest.json"
    assert manifest["label"] == {"en": ["Memo on the Iraqi delegation"]}
    assert [canvas["label"] for canvas in manifest["items"]] == [
        {"none": [label]} for label, _ in PAGES
    ]
    pages = list(document.scan_pages.order_by("position"))
    for canvas, page in zip(manifest["items"], pages, strict=True):
        assert (canvas["width"], canvas["height"]) == (page.width, page.height)
        body = canvas["items"][0]["items"][0]["body"]
        service = body["service"][0]
        assert service == {
            "id": f"http://testserver/iiif/3/{page.pk}",
            "type": "ImageService3",
            "profile": "level0",
        }
        assert body["id"] == f"{service['id']}/full/max/0/default.jpg"
        assert client.get(body["id"]).status_code == 200
        assert client.get(canvas["thumbnail"][0]["id"]).status_code == 200
    # The schema is no formality: a canvas without its size, or a label as a plain string,
    # fails it.
    broken = json.loads(json.dumps(manifest))
    del broken["items"][0]["width"]
    broken["label"] = "Memo"
    assert len(list(VALIDATOR.iter_errors(broken))) > 0


def test_the_manifest_carries_the_catalogs_metadata_and_rights(client):
    scanned_document()
    manifest = fetch(client)
    metadata = {entry["label"]["en"][0]: entry["value"]["en"][0] for entry in manifest["metadata"]}
    assert metadata["Title"] == "Memo on the Iraqi delegation"
    assert metadata["Date"] == "27 February 1986"
    assert metadata["Publisher"] == "Wilson Center Digital Archive"
    assert "Memo on the Iraqi delegation" in metadata["Citation"]
    assert manifest["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert manifest["requiredStatement"]["value"]["en"][0].startswith("CC BY 4.0")
    assert manifest["homepage"][0]["id"] == "http://testserver/documents/scanned-memo/"


def test_the_seed_memos_reference_and_language_are_in_its_manifest(client, seed):
    from tests.scans.iiif.conftest import add_page

    add_page(seed, 1, "Bl. 49")
    seed.rights = "Rights reserved by the publisher."
    seed.save()
    manifest = fetch(client, seed.slug)
    metadata = {entry["label"]["en"][0]: entry["value"]["en"][0] for entry in manifest["metadata"]}
    assert "BStU, ZA, HA X 104, pp. 49-51" in metadata["Archival reference"]
    assert "Original language" in metadata
    assert "rights" not in manifest  # no rights address in the field: the words only
    assert manifest["requiredStatement"]["value"]["en"] == ["Rights reserved by the publisher."]


def test_rights_addresses_the_specification_allows():
    assert rights_uri("https://creativecommons.org/publicdomain/zero/1.0/.") == (
        "http://creativecommons.org/publicdomain/zero/1.0/"
    )
    assert rights_uri("See http://rightsstatements.org/vocab/InC/1.0/") == (
        "http://rightsstatements.org/vocab/InC/1.0/"
    )
    assert rights_uri("https://example.org/terms") is None
    assert rights_uri("") is None


def test_each_page_carries_its_passage_of_the_text(client):
    scanned_document()
    manifest = fetch(client)
    passages = [
        [(a["motivation"], a["body"]["value"], a["body"]["language"]) for a in annotations(c)]
        for c in manifest["items"]
    ]
    paragraphs = TEXT.split("\n\n")
    assert passages == [[("supplementing", paragraph, "en")] for paragraph in paragraphs]
    for canvas in manifest["items"]:
        assert all(a["target"] == canvas["id"] for a in annotations(canvas))


def test_withheld_text_is_not_quoted_and_draft_texts_never_appear(client):
    document = scanned_document()
    text = document.translations.get()
    withhold(
        scope=Restriction.Scope.PASSAGE,
        translation=text,
        quote="Taher Ahmed Amin",
    )
    german = Translation.objects.create(
        document=document,
        language=text.language,
        kind=Translation.Kind.TRANSCRIPT,
        text="Entwurf: Seite eins.",
        status=Status.DRAFT,
    )
    TextPage.objects.create(
        translation=german, scan_page=document.scan_pages.get(position=1), start=0, end=8
    )
    manifest = fetch(client)
    second = [a["body"]["value"] for a in annotations(manifest["items"][1])]
    assert second == [
        "Second page. [personal data withheld until 2031] asked for training in radio work."
    ]
    assert "Taher" not in json.dumps(manifest)
    assert "Entwurf" not in json.dumps(manifest)
    withhold(scope=Restriction.Scope.TEXT, translation=text)
    manifest = fetch(client)
    assert all(not annotations(canvas) for canvas in manifest["items"])


def test_a_withheld_page_has_no_canvas(client):
    document = scanned_document()
    withhold(scope=Restriction.Scope.SCAN_PAGE, scan_page=document.scan_pages.get(position=2))
    manifest = fetch(client)
    assert [c["label"]["none"][0] for c in manifest["items"]] == ["Bl. 49", "Bl. 51"]
    assert "Second page" not in json.dumps(manifest)


def test_a_draft_or_withheld_documents_manifest_answers_404(client):
    scanned_document(status=Status.DRAFT)
    assert client.get("/documents/scanned-memo/manifest.json").status_code == 404
    staff = get_user_model().objects.create_user("eva", password="pw-long-enough", is_staff=True)
    client.force_login(staff)
    fetch(client)  # staff check a draft's scans before publishing it
    client.logout()
    document = scanned_document(slug="withheld-memo")
    withhold(scope=Restriction.Scope.DOCUMENT, document=document)
    assert client.get("/documents/withheld-memo/manifest.json").status_code == 404


def test_a_document_without_scans_has_no_manifest(client, seed):
    assert client.get(f"/documents/{seed.slug}/manifest.json").status_code == 404


def test_the_manifests_queries_do_not_grow_with_its_pages(client, django_assert_max_num_queries):
    from tests.scans.iiif.conftest import add_page

    document = scanned_document()
    with django_assert_max_num_queries(20) as few:
        fetch(client)
    for position in range(4, 10):
        add_page(document, position, f"Bl. {45 + position}", (300, 400))
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        manifest = fetch(client)
    assert len(manifest["items"]) == 9


def test_the_api_names_the_manifest_of_a_document_with_scans(client, seed):
    scanned_document()
    listing = client.get("/api/documents/").json()["results"]
    manifests = {record["slug"]: record["iiif_manifest"] for record in listing}
    assert manifests == {
        seed.slug: None,
        "scanned-memo": "http://testserver/documents/scanned-memo/manifest.json",
    }
