"""Every page of the catalog's admin opens for an archivist, on the seed's records."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from catalog.apps import ADMIN_GROUPS
from catalog.models import (
    Collection,
    CollectionDocument,
    Document,
    DocumentLink,
    NewRecordSuggestion,
    Person,
    Restriction,
    RetiredSlug,
    ScanPage,
    Suggestion,
    TextPage,
)

CATALOG_MODELS = [
    model._meta.model_name
    for model in apps.get_app_config("catalog").get_models()
    if model in admin.site._registry and not model._meta.model_name.startswith("historical")
]


@pytest.mark.parametrize("model_name", CATALOG_MODELS)
def test_an_archivist_opens_the_list_the_form_and_the_history(
    archivist_client, seed, model_name, settings, tmp_path
):
    model = apps.get_model("catalog", model_name)
    if model_name in {"scanpage", "textpage"}:
        settings.MEDIA_ROOT = tmp_path
        _scan(seed, tmp_path)
    if model is RetiredSlug:
        person = Person.objects.first()
        person.slug = f"{person.slug}-renamed"
        person.save()
    if model is Restriction:
        Restriction.objects.create(
            translation=seed.translations.get(), quote="Taher Ahmed Amin", reason="third_party"
        )
    if model_name in {"collection", "collectiondocument", "documentlink"}:
        _collect(seed)
    if model in (Suggestion, NewRecordSuggestion):
        # The curated seed leaves nothing to suggest: one name as a scan would find it.
        text = seed.translations.get()
        start = text.text.index("Mielke")
        kind = "new" if model is NewRecordSuggestion else "person"
        Suggestion.objects.create(
            translation=text,
            start=start,
            end=start + 6,
            quote="Mielke",
            name="Mielke",
            folded_name="mielke",
            kind=kind,
        )
    record = model.objects.first()
    assert record is not None, f"the seed has no {model_name}"
    urls = [reverse(f"admin:catalog_{model_name}_changelist")]
    if model_name != "retiredslug":
        # Archivists see restrictions but do not add them (tests/admin/test_restrictions.py).
        # Suggestions are made by scans, never added by hand.
        # Scanned pages come in through their document's page or attach_scans.
        if model not in (Restriction, ScanPage) and not issubclass(model, Suggestion):
            urls.append(reverse(f"admin:catalog_{model_name}_add"))
        urls += [
            reverse(f"admin:catalog_{model_name}_change", args=[record.pk]),
            reverse(f"admin:catalog_{model_name}_history", args=[record.pk]),
        ]
    for url in urls:
        assert archivist_client.get(url).status_code == 200, url


def _scan(seed, folder):
    """The seed has no scans: one page, and where it stands in the text."""
    from PIL import Image

    from catalog.scans.ingest import ScanIngest

    Image.new("L", (40, 60), 255).save(folder / "page.png")
    page = ScanIngest(seed).add([folder / "page.png"]).pages[0]
    TextPage.objects.create(translation=seed.translations.get(), scan_page=page, start=0, end=10)


def _collect(seed):
    """The seed has no collection nor a second document: a collection and a link for them."""
    other = Document.objects.create(slug="covering-note", title="Covering note")
    collection = Collection.objects.create(slug="iraq", title="Iraq", curator="Ada")
    CollectionDocument.objects.create(collection=collection, document=seed, position=1)
    DocumentLink.objects.create(from_document=other, to_document=seed, kind="enclosure_of")


# Kept by the catalog itself, never edited: the search tables (the words of spelling
# suggestions too), the version token that every write changes and what is stored per
# version for the lists, the home page, the network and each document's related documents
# (catalog.caching, catalog.related.stored).
DERIVED = {
    "documentsearchtext",
    "documentvector",
    "searchword",
    "catalogversion",
    "listcount",
    "listsummary",
    "networkedge",
    "relatedsummary",
}


def test_every_record_type_is_in_the_admin():
    registered = {model._meta.model_name for model in admin.site._registry}
    for model in apps.get_app_config("catalog").get_models():
        name = model._meta.model_name
        if not name.startswith("historical") and name not in DERIVED:
            assert name in registered, name


def test_the_admin_index_is_grouped_and_lists_no_join_tables(editor_client):
    response = editor_client.get(reverse("admin:index"))
    groups = {
        app["name"]: [m["object_name"] for m in app["models"]]
        for app in response.context["app_list"]
    }
    assert list(groups) == [*(name for name, _ in ADMIN_GROUPS), "System"]
    assert groups["Documents"] == ["Document", "Collection", "Repository", "Restriction"]
    assert groups["People and agencies"] == ["Person", "Agency"]
    assert groups["Contacts"] == ["ContactEvent"]
    assert groups["Vocabularies"] == ["Language", "Subject", "Place"]
    listed = {name for models in groups.values() for name in models}
    for part in [
        "PersonName",
        "AgencyName",
        "Participant",
        "EventEvidence",
        "RoleEvidence",
        "Mention",
        "PersonRole",
        "Translation",
        "ArchivalReference",
    ]:
        assert part not in listed
    # A part's own page still opens from its record's page.
    assert editor_client.get(reverse("admin:catalog_participant_changelist")).status_code == 200
