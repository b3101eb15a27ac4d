"""The model's constraints: what the database and the validators refuse."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import (
    Agency,
    ArchivalReference,
    ContactEvent,
    Document,
    Language,
    Mention,
    Participant,
    Person,
    PersonRole,
    RetiredSlug,
    Status,
    Translation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def text(db):
    document = Document.objects.create(slug="memo", title="Memo", date="1986-02-28")
    english = Language.objects.create(code="en", name="English")
    return Translation.objects.create(
        document=document, language=english, text="Comrade Mielke met Saadoun Shaker."
    )


def test_a_document_keeps_its_date_as_sortable_bounds():
    document = Document.objects.create(slug="d", title="D", date="1982-33")
    assert (str(document.date_earliest), str(document.date_latest)) == ("1982-01-01", "1982-03-31")


def test_an_invalid_edtf_date_is_refused_with_examples():
    document = Document(slug="d", title="D", date="October 1969")
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "1969-10" in str(error.value.message_dict["date"])


def test_two_documents_cannot_share_a_publisher_record_id():
    Document.objects.create(slug="a", title="A", publisher="WCDA", publisher_record_id="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(slug="b", title="B", publisher="WCDA", publisher_record_id="1")


def test_documents_without_a_record_id_do_not_collide():
    Document.objects.create(slug="a", title="A", publisher="WCDA")
    Document.objects.create(slug="b", title="B", publisher="WCDA")
    assert Document.objects.count() == 2


def test_a_mention_names_exactly_one_record(text):
    person = Person.objects.create(slug="mielke", preferred_name="Erich Mielke")
    agency = Agency.objects.create(slug="mfs", name="Ministry for State Security")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(translation=text, start=8, end=14, person=person, agency=agency)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(translation=text, start=8, end=14)


def test_a_mention_span_must_stand_in_its_text(text):
    person = Person.objects.create(slug="mielke", preferred_name="Erich Mielke")
    beyond = Mention(translation=text, start=30, end=90, person=person, quote="x")
    with pytest.raises(ValidationError, match="past the end of the text"):
        beyond.full_clean()
    wrong = Mention(translation=text, start=8, end=14, person=person, quote="Shaker")
    with pytest.raises(ValidationError, match="reads “Mielke”"):
        wrong.full_clean()
    right = Mention.objects.create(translation=text, start=8, end=14, person=person)
    assert right.quote == "Mielke"


def test_an_office_cannot_end_before_it_starts():
    person = Person.objects.create(slug="p", preferred_name="P")
    role = PersonRole(person=person, title="Minister", start="1985", end="1979")
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        role.full_clean()


def test_a_participant_is_a_person_or_an_agency():
    event = ContactEvent.objects.create(slug="e", title="E", kind="meeting", date="1969-10")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(event=event, role="host")


def test_an_agency_cannot_be_part_of_itself():
    mfs = Agency.objects.create(slug="mfs", name="MfS")
    ha = Agency.objects.create(slug="ha-iii", name="HA III", parent=mfs)
    mfs.parent = ha
    with pytest.raises(ValidationError, match="part of itself"):
        mfs.full_clean()


def test_an_unparsable_reference_is_kept_verbatim_and_flagged(text):
    reference = ArchivalReference.objects.create(
        document=text.document, as_written="see the attached file"
    )
    assert reference.as_written == "see the attached file"
    assert reference.needs_review
    assert reference.parse_problems


@pytest.mark.parametrize(
    ("as_written", "unit", "file_number", "pages"),
    [
        ("BStU, MfS, HA XXII, Nr. 136, Bl. 121", "HA XXII", "136", "121"),
        ("BArch, MfS, ZAIG, Nr. 8677, Bl. 1-177", "ZAIG", "8677", "1–177"),
        ("BStU, MfS, BV Suhl, BdL, Nr. 1246, Bl. 1–5", "BV Suhl, BdL", "1246", "1–5"),
        ("BStU, MfS, BdL/Dok., Nr. 7745, Bl. 1-10", "BdL/Dok.", "7745", "1–10"),
    ],
)
def test_a_reference_is_parsed_when_saved(text, as_written, unit, file_number, pages):
    reference = ArchivalReference.objects.create(document=text.document, as_written=as_written)
    assert (reference.unit, reference.file_number, reference.pages) == (unit, file_number, pages)
    assert not reference.needs_review


def test_a_renamed_record_keeps_its_old_slug_leading_to_it():
    person = Person.objects.create(slug="saadoun-shakir", preferred_name="Saadoun Shaker")
    person.slug = "saadoun-shaker"
    person.save()
    assert RetiredSlug.lookup(Person, "saadoun-shakir") == person
    assert RetiredSlug.lookup(Person, "saadoun-shaker") is None


def test_only_published_records_are_visible_to_anonymous_visitors(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    Person.objects.create(slug="draft", preferred_name="Draft")
    Person.objects.create(slug="public", preferred_name="Public", status=Status.PUBLISHED)
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    assert [p.slug for p in Person.objects.visible_to(AnonymousUser())] == ["public"]
    assert Person.objects.visible_to(staff).count() == 2
