"""The Wilson Center importer: what the seed becomes, idempotence, dry runs, bad input."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalog.importers.wcda import WCDAImporter
from catalog.importers.wcda_format import read_wcda_file
from catalog.models import (
    Agency,
    ArchivalReference,
    ContactEvent,
    Document,
    EventEvidence,
    Mention,
    Person,
    PersonRole,
    Status,
    Translation,
)
from tests.conftest import SEED_SLUG, SEED_TEXT, SEEDS

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Document,
            Translation,
            ArchivalReference,
            Person,
            Agency,
            PersonRole,
            ContactEvent,
            EventEvidence,
            Mention,
        )
    }


def test_it_catalogues_the_seed_memo_with_its_provenance(seed):
    assert seed.title == (
        "Relations between the Ministry for State Security of the GDR with "
        "Intelligence Organs of the Republic of Iraq"
    )
    assert seed.date == "1986-02-28"
    assert str(seed.date_earliest) == "1986-02-28"
    assert seed.place_date_line == "Berlin, 27 February 1986"
    assert seed.classification == "Strictly Confidential"
    assert seed.publisher == "Wilson Center Digital Archive"
    assert seed.publisher_record_id == "122923"
    assert seed.status == Status.PUBLISHED
    assert [lang.name for lang in seed.original_languages.all()] == ["German"]

    reference = seed.archival_references.get()
    assert reference.as_written == "BStU, ZA, HA X 104, pp. 49-51"
    assert (reference.archive, reference.collection, reference.unit) == ("BStU", "ZA", "HA X")
    assert (reference.file_number, reference.page_start, reference.page_end) == ("104", "49", "51")
    assert reference.repository.abbreviation == "BStU"
    assert reference.repository.parent_institution == "Bundesarchiv"
    assert not reference.needs_review

    translation = seed.translations.get()
    assert translation.language.name == "English"
    assert translation.translator.preferred_name == "Bernd Schaefer"
    assert translation.commissioned_by.slug == "cwihp"
    assert translation.text.startswith("Berlin, 27 February 1986\n\nStrictly Confidential")


def test_it_records_every_contact_the_memo_reports_at_the_precision_of_the_text(seed):
    dated = dict(ContactEvent.objects.values_list("slug", "date"))
    assert dated == {
        "1969-1986-iraqi-requests-for-formal-cooperation": "1969/1986-02-27",
        "1969-10-mielke-receives-al-amash": "1969-10",
        "1970-01-mfs-study-delegation-to-iraq": "1970-01",
        "1972-01-security-check-of-former-us-embassy": "1972-01",
        "1975-08-al-douri-delegation-to-the-gdr": "1975-08",
        "1975-08-scholz-meets-taher-ahmed-amin": "1975-08",
        "1975-08-29-scholz-meets-saadoun-shaker": "1975-08-29",
        "1975-12-mfs-delegation-to-iraq": "1975-12",
        "1979-iraqi-study-delegation-to-the-gdr": "1979",
        "1979-daud-requests-training": "1979",
        "1982-renewed-iraqi-requests-in-baghdad": "1982-33",
        "1985-02-shaker-delegation-talks-with-dickel": "1985-02",
        "1985-02-planned-meeting-shaker-mielke": "1985-02",
    }
    october = ContactEvent.objects.get(slug="1969-10-mielke-receives-al-amash")
    assert (str(october.date_earliest), str(october.date_latest)) == ("1969-10-01", "1969-10-31")
    hosts = {(p.person.slug, p.role) for p in october.participants.all()}
    assert hosts == {("erich-mielke", "host"), ("sali-mahdy-al-amash", "visitor")}


def test_every_event_rests_on_a_passage_that_stands_in_the_text(seed):
    translation = seed.translations.get()
    for event in ContactEvent.objects.all():
        evidence = list(event.evidence.all())
        assert evidence, event.slug
        for passage in evidence:
            assert translation.text[passage.start : passage.end] == passage.quote
    transit = EventEvidence.objects.get(event__slug="1975-08-29-scholz-meets-saadoun-shaker")
    assert transit.quote.startswith("On 29 August 1975 Comrade Lieutenant General Scholz")


def test_it_records_saadoun_shakers_offices_with_their_evidence(seed):
    roles = PersonRole.objects.filter(person__slug="saadoun-shaker").order_by("start_latest")
    assert [(r.title, r.agency.slug) for r in roles] == [
        ("Head of the Security Office", "iraq-rcc-security-office"),
        ("Minister of the Interior", "iraq-ministry-of-the-interior"),
    ]
    assert roles[1].evidence.get().quote == "led by Minister Saadoun Shaker"


def test_it_marks_every_name_in_the_text_as_a_mention(seed):
    translation = seed.translations.get()
    shaker = Mention.objects.filter(person__slug="saadoun-shaker")
    assert shaker.count() == 3
    for mention in Mention.objects.all():
        assert translation.text[mention.start : mention.end] == mention.quote
    assert Mention.objects.filter(agency__slug="mfs").count() == translation.text.count("MfS")


def test_a_second_import_changes_nothing(seed):
    before = counts()
    modified = Document.objects.get(slug=SEED_SLUG).modified
    history = Document.history.count()
    report = WCDAImporter().run([SEEDS])
    assert [o.action for o in report.outcomes] == ["unchanged"]
    assert counts() == before
    assert Document.objects.get(slug=SEED_SLUG).modified == modified
    assert Document.history.count() == history


def test_a_dry_run_reports_but_writes_nothing(db):
    report = WCDAImporter(dry_run=True).run([SEEDS])
    assert [o.action for o in report.outcomes] == ["created"]
    assert "Dry run: nothing was written." in report.lines()
    assert Document.objects.count() == 0
    assert Person.objects.count() == 0


def test_the_command_prints_a_report_per_file(db, capsys):
    call_command("import_wcda", str(SEEDS))
    out = capsys.readouterr().out
    assert f"{SEED_TEXT}: created “Relations between" in out
    assert "1 file(s): 1 created." in out


def test_imports_are_recorded_in_the_history_under_the_commands_name(seed):
    entries = list(seed.history.all())
    assert entries[-1].history_type == "+"
    for entry in entries:
        assert entry.history_user.username == "import_wcda"
        assert entry.history_change_reason == f"import_wcda {SEED_TEXT.name}"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.txt", b"", "empty.txt"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.txt"),
        ("untitled.txt", b"February 28, 1986\n\nCitation:\n\nSomething\n", "title"),
        ("latin1.txt", "February 1986\n\n**Über**\n".encode("latin-1"), "line 3"),
        ("truncated.txt", b"February 28, 1986\n\n**Relations between the", "title"),
    ],
)
def test_bad_files_are_rejected_naming_the_file_and_line_and_nothing_is_written(
    tmp_path, name, data, expected
):
    seed_copy = tmp_path / SEED_TEXT.name
    shutil.copy(SEED_TEXT, seed_copy)
    bad = write(tmp_path, name, data)
    report = WCDAImporter().run([seed_copy, bad])
    rejected = report.rejected
    assert [o.source for o in rejected] == [str(bad)]
    assert name in rejected[0].messages[0]
    assert expected in rejected[0].messages[0]
    assert report.rolled_back
    assert Document.objects.count() == 0


def test_per_file_keeps_the_good_files_when_another_is_rejected(tmp_path):
    seed_copy = tmp_path / SEED_TEXT.name
    shutil.copy(SEED_TEXT, seed_copy)
    write(tmp_path, "zz-empty.txt", b"   \n")
    report = WCDAImporter(per_file=True).run([tmp_path])
    assert [o.action for o in report.outcomes] == ["created", "rejected"]
    assert Document.objects.count() == 1


def test_the_command_fails_on_a_rejected_file_and_says_why(tmp_path, capsys):
    bad = write(tmp_path, "empty.txt", b"")
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_wcda", str(bad))
    out = capsys.readouterr().out
    assert "empty.txt" in out and "Nothing was written" in out


def test_an_annotation_quote_that_is_not_in_the_text_is_rejected_with_its_line(tmp_path):
    shutil.copy(SEED_TEXT, tmp_path / SEED_TEXT.name)
    annotations = (SEEDS / (SEED_TEXT.stem + ".annotations.yaml")).read_text()
    broken = annotations.replace("led by Minister Saadoun Shaker", "led by Minister Sadoun Shaker")
    (tmp_path / (SEED_TEXT.stem + ".annotations.yaml")).write_text(broken)
    line = broken.splitlines().index('        evidence: ["led by Minister Sadoun Shaker"]') + 1
    report = WCDAImporter().run([tmp_path])
    message = report.rejected[0].messages[0]
    assert "annotations.yaml" in message and "quote not found" in message
    assert f"line {line - 4}" in message  # the role's mapping starts four lines above
    assert Person.objects.count() == 0


def test_a_corrected_text_moves_the_mentions_with_it(seed, tmp_path):
    corrected = SEED_TEXT.read_text().replace("Strictly Confidential", "Strictly Confidential!")
    shutil.copy(SEEDS / (SEED_TEXT.stem + ".annotations.yaml"), tmp_path)
    (tmp_path / SEED_TEXT.name).write_text(corrected)
    report = WCDAImporter().run([tmp_path])
    assert [o.action for o in report.outcomes] == ["updated"], report.lines()
    translation = Translation.objects.get()
    for mention in Mention.objects.all():
        assert translation.text[mention.start : mention.end] == mention.quote


def test_a_corrected_text_that_drops_a_quoted_passage_is_rejected_and_keeps_the_evidence(
    seed, tmp_path
):
    corrected = SEED_TEXT.read_text().replace("led by Minister Saadoun Shaker", "led by Shaker")
    shutil.copy(SEEDS / (SEED_TEXT.stem + ".annotations.yaml"), tmp_path)
    (tmp_path / SEED_TEXT.name).write_text(corrected)
    report = WCDAImporter().run([tmp_path / SEED_TEXT.name])
    assert "no longer holds “Saadoun Shaker”" in report.rejected[0].messages[0]
    assert "Saadoun Shaker" in Translation.objects.get().text
    assert Mention.objects.filter(person__slug="saadoun-shaker").count() == 3


def test_the_seeds_curated_records_are_published_as_its_file_says(seed):
    for model in (Person, Agency, ContactEvent):
        assert not model.objects.exclude(status=Status.PUBLISHED).exists(), model


def test_a_long_file_name_does_not_break_the_history(tmp_path):
    name = "x" * 150 + ".txt"
    shutil.copy(SEED_TEXT, tmp_path / name)
    report = WCDAImporter().run([tmp_path / name])
    assert report.ok, report.lines()
    reason = Document.history.first().history_change_reason
    assert reason.startswith("import_wcda xxx") and len(reason) == 100


def test_subjects_and_places_named_in_a_file_reuse_the_catalogued_terms(seed):
    older = Path(__file__).parent / "data" / "wcda" / "hppp_older_export.txt"
    report = WCDAImporter().run([older])
    assert report.ok, report.lines()
    document = Document.objects.get(publisher_record_id=read_wcda_file(older).record_id)
    assert sorted(s.name for s in document.subjects.all()) == [
        "Intelligence",
        "Iraq--Foreign relations--Germany (East)",
    ]
    iraq = document.places.get(name="Iraq")
    assert iraq.slug == "iraq" and iraq.kind == "country"  # the seed's curated place
    assert [o.action for o in WCDAImporter().run([older]).outcomes] == ["unchanged"]


def test_conversations_partial_dates_and_bodies_without_a_date_line_import_whole(db):
    data = Path(__file__).resolve().parent / "data" / "wcda"
    names = ["conversation_speakers.txt", "partial_date_classifications.txt", "no_date_line.txt"]
    report = WCDAImporter().run([data / name for name in names])
    assert report.ok, report.lines()
    conversation = Document.objects.get(publisher_record_id="900001")
    assert conversation.place_date_line == "Moscow, early March 1983"
    text = conversation.translations.get()
    assert text.title.startswith("[Record of the conversation")
    assert "MIELKE:\n\nI welcome you" in text.text
    partial = Document.objects.get(publisher_record_id="900002")
    assert partial.classification == "Streng geheim\nOf Special Importance"
    reference = partial.archival_references.get()
    assert (reference.collection, reference.file_number) == ("DY 30", "IV 2/2.036/15")
    assert not reference.needs_review
    assert (reference.repository.abbreviation, reference.repository.country) == (
        "SAPMO-BArch",
        "Germany",
    )
    assert Document.objects.get(publisher_record_id="900003").place_date_line == ""
