"""Texts in the admin: each with its status and machine-read mark; the original-language
transcript the seed memo lacks is one link and one form away; a second translation by another
hand is added beside the first."""

import html
import re

from django.urls import reverse

from catalog.models import Translation
from tests.admin.helpers import change_form_data

GERMAN = "Ministerium für Staatssicherheit. Zusammenarbeit mit dem irakischen Geheimdienst."


def test_the_seed_memo_offers_its_german_transcript_in_one_step(seed, archivist_client):
    page = archivist_client.get(reverse("admin:catalog_document_change", args=[seed.pk]))
    content = page.content.decode()
    assert "translation-en" in content and "published" in content
    link = re.search(r'href="([^"]+)">Add the German original \(a transcript\)', content)
    assert link, "the document page offers the German transcript"

    form = archivist_client.get(html.unescape(link.group(1)))
    data = change_form_data(form, text=GERMAN, status="draft", other_translators=[])
    assert str(data["document"]) == str(seed.pk) and data["kind"] == "transcript"
    response = archivist_client.post(reverse("admin:catalog_translation_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    text = Translation.objects.get(document=seed, kind="transcript")
    assert (text.language.code, text.slug, text.status) == ("de", "transcript-de", "draft")
    page = archivist_client.get(reverse("admin:catalog_document_change", args=[seed.pk]))
    assert "Add the German original" not in page.content.decode()
    assert "transcript-de</code>: draft" in page.content.decode()


def test_a_second_translation_of_one_language_gets_a_slug_of_its_own(seed, archivist_client):
    english = seed.translations.get()
    url = reverse("admin:catalog_translation_add")
    form = archivist_client.get(url, {"document": seed.pk, "language": english.language_id})
    data = change_form_data(
        form,
        text="Another English reading.",
        credit_line="Translated by another hand.",
        other_translators=[],
    )
    response = archivist_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    second = Translation.objects.get(document=seed, credit_line="Translated by another hand.")
    assert second.slug == "translation-en-2" and second.kind == english.kind
    listing = archivist_client.get(reverse("admin:catalog_translation_changelist")).content
    assert b"translation-en-2" in listing
