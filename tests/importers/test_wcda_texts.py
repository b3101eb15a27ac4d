"""Several texts per document and the WCDA importer: a re-import finds its own text by slug
and leaves the texts added in the admin alone; an annotation file may quote another text."""

import shutil

from catalog.importers.wcda import WCDAImporter
from catalog.models import Document, Language, Mention, Translation
from tests.conftest import SEED_SLUG, SEED_TEXT, SEEDS

GERMAN = "Genosse Generalleutnant Scholz empfing Saadoun Shaker in Berlin."


def test_a_reimport_leaves_a_second_translation_and_the_original_alone(seed):
    english = seed.translations.get()
    second = Translation.objects.create(
        document=seed, language=english.language, text="Another hand's reading."
    )
    german = Language.objects.get(code="de")
    original = Translation.objects.create(
        document=seed, kind="original", language=german, text=GERMAN
    )
    report = WCDAImporter().run([SEEDS])
    assert [o.action for o in report.outcomes] == ["unchanged"], report.lines()
    assert Translation.objects.filter(document=seed).count() == 3
    second.refresh_from_db()
    original.refresh_from_db()
    assert (second.text, second.slug) == ("Another hand's reading.", "translation-en-2")
    assert (original.text, original.slug) == (GERMAN, "original-de")
    assert Translation.objects.get(slug="translation-en").text == english.text


def test_an_annotation_item_may_quote_the_german_original(seed, tmp_path):
    german = Language.objects.get(code="de")
    Translation.objects.create(document=seed, kind="original", language=german, text=GERMAN)
    shutil.copy(SEED_TEXT, tmp_path / SEED_TEXT.name)
    annotations = (SEEDS / (SEED_TEXT.stem + ".annotations.yaml")).read_text()
    extra = "\n  - {text: Generalleutnant Scholz, person: alfred-scholz, in_text: original-de}\n"
    marker = "\nmentions:\n"
    assert marker in annotations
    annotations = annotations.replace(marker, marker + extra.lstrip("\n"), 1)
    (tmp_path / (SEED_TEXT.stem + ".annotations.yaml")).write_text(annotations)

    report = WCDAImporter().run([tmp_path])

    assert not report.rejected, report.lines()
    mention = Mention.objects.get(translation__slug="original-de")
    assert mention.person.slug == "alfred-scholz"
    assert GERMAN[mention.start : mention.end] == "Generalleutnant Scholz"
    assert Document.objects.get(slug=SEED_SLUG).translations.count() == 2


def test_an_annotation_naming_a_text_the_document_lacks_is_rejected(seed, tmp_path):
    shutil.copy(SEED_TEXT, tmp_path / SEED_TEXT.name)
    annotations = (SEEDS / (SEED_TEXT.stem + ".annotations.yaml")).read_text()
    extra = "  - {text: Scholz, person: alfred-scholz, in_text: original-de}\n"
    annotations = annotations.replace("\nmentions:\n", "\nmentions:\n" + extra, 1)
    (tmp_path / (SEED_TEXT.stem + ".annotations.yaml")).write_text(annotations)
    report = WCDAImporter().run([tmp_path])
    message = report.rejected[0].messages[0]
    assert "in_text" in message and "no text 'original-de'" in message
