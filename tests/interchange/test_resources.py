"""The admin's import-export resources read and write the same CSV as the commands."""

import io

import tablib

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.resources import RESOURCES
from catalog.models import Document, Mention, Person, Subject

DOCUMENTS_CSV = (
    "slug,status,title,date,summary,original_languages,subjects,places\n"
    'new-memo,draft,"Memo, with a comma",1986-02,"\'=HYPERLINK(""x"")",de | en,'
    "counterintelligence | signals-intelligence,baghdad\n"
)


def dataset(text: str) -> tablib.Dataset:
    return tablib.Dataset().load(text, format="csv")


def test_the_document_resource_imports_a_row_with_its_links_and_dates(seed):
    result = RESOURCES[Document]().import_data(dataset(DOCUMENTS_CSV))

    assert not result.has_errors() and not result.has_validation_errors()
    document = Document.objects.get(slug="new-memo")
    assert document.title == "Memo, with a comma"
    assert document.summary == '=HYPERLINK("x")'
    assert str(document.date_earliest) == "1986-02-01" and str(document.date_latest) == "1986-02-28"
    assert sorted(document.subjects.values_list("slug", flat=True)) == [
        "counterintelligence",
        "signals-intelligence",
    ]
    assert list(document.places.values_list("slug", flat=True)) == ["baghdad"]
    assert set(document.original_languages.values_list("code", flat=True)) == {"de", "en"}


def test_the_mention_resource_finds_the_text_from_its_document_and_slug(seed):
    mention = Mention.objects.filter(person__isnull=False).first()
    text = (
        "document,text,start,end,quote,person,agency,event\n"
        f"{seed.slug},translation-en,{mention.start},{mention.end},,alfred-scholz,,\n"
    )
    result = RESOURCES[Mention]().import_data(dataset(text))

    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    created = Mention.objects.get(person__slug="alfred-scholz", start=mention.start)
    assert created.translation == mention.translation and created.quote == mention.quote


def test_a_resource_row_naming_an_unknown_record_is_invalid_with_a_message(seed):
    text = DOCUMENTS_CSV.replace("baghdad", "atlantis")
    result = RESOURCES[Document]().import_data(dataset(text))
    assert result.has_validation_errors()
    assert "No place with slug atlantis." in str(result.invalid_rows[0].error_dict)
    assert not Document.objects.filter(slug="new-memo").exists()


def test_a_resource_updates_the_record_its_natural_key_names(seed):
    text = "slug,preferred_name\nerich-mielke,Erich Fritz Emil Mielke\n"
    before = Person.objects.count()
    RESOURCES[Person]().import_data(dataset(text))
    assert Person.objects.count() == before
    assert Person.objects.get(slug="erich-mielke").preferred_name == "Erich Fritz Emil Mielke"


def test_resource_exports_hold_the_same_rows_as_the_command(seed, tmp_path):
    Subject.objects.filter(slug="counterintelligence").update(description="-5 @home")
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    for model, resource in RESOURCES.items():
        exported = resource().export()
        ours = dataset((tmp_path / resource.record.file_name).read_text(encoding="utf-8"))
        assert list(exported.headers) == list(ours.headers), model
        theirs = sorted(tuple("" if v is None else str(v) for v in row) for row in exported)
        assert theirs == sorted(tuple(row) for row in ours), model
