"""Merging duplicate persons and agencies: links move, names stay, old addresses lead on."""

import pytest
from django.contrib.auth import get_user_model

from catalog.curation.merging import MergeError, Merger
from catalog.models import (
    Agency,
    AgencyName,
    Mention,
    NameKind,
    Participant,
    Person,
    PersonName,
    PersonRole,
    RetiredSlug,
    RoleEvidence,
    Status,
)


@pytest.fixture
def merger_user(db):
    return get_user_model().objects.create_user("eva", is_staff=True)


@pytest.fixture
def duplicate_person(seed):
    """A second record of a person of the seed, with links of its own and shared ones."""
    survivor = Person.objects.get(slug="saadoun-shaker")
    duplicate = Person.objects.create(
        preferred_name="Sadun Shakir", slug="sadun-shakir", status=Status.PUBLISHED
    )
    PersonName.objects.create(person=duplicate, name="Sa'dun Shakir Mahmud")
    # A name the survivor has already: it must not be duplicated.
    PersonName.objects.create(person=duplicate, name=survivor.names.first().name)
    # The same mention as the survivor's first one, and a new one.
    shared = survivor.mentions.first()
    Mention.objects.create(
        translation=shared.translation, start=shared.start, end=shared.end, person=duplicate
    )
    text = shared.translation.text
    start = text.index("Iraq")
    Mention.objects.create(
        translation=shared.translation, start=start, end=start + 4, person=duplicate
    )
    # The same participation as the survivor's, with a note the survivor lacks.
    taken = survivor.participations.first()
    Participant.objects.create(
        event=taken.event, person=duplicate, agency=taken.agency, role=taken.role, note="head"
    )
    role = PersonRole.objects.create(person=duplicate, title="Director", start="1970")
    RoleEvidence.objects.create(
        role=role, translation=shared.translation, start=shared.start, end=shared.end
    )
    RetiredSlug.retire(duplicate, "sadun-shakir-old")
    return survivor, duplicate


def test_merging_a_person_moves_every_link_to_the_survivor(duplicate_person, merger_user):
    survivor, duplicate = duplicate_person
    mentions = survivor.mentions.count()
    participations = survivor.participations.count()
    roles = survivor.roles.count()
    duplicate_id = duplicate.pk

    Merger.for_records(survivor, duplicate, user=merger_user).merge()

    assert not Person.objects.filter(pk=duplicate_id).exists()
    assert survivor.mentions.count() == mentions + 1  # the shared one is not doubled
    assert survivor.participations.count() == participations
    assert survivor.participations.filter(note="head").exists()
    assert survivor.roles.count() == roles + 1
    assert survivor.roles.get(title="Director").evidence.count() == 1


def test_merged_names_become_name_variants_without_duplicates(duplicate_person, merger_user):
    survivor, duplicate = duplicate_person
    before = set(survivor.names.values_list("name", flat=True))
    Merger.for_records(survivor, duplicate, user=merger_user).merge()
    names = {n.name: n for n in survivor.names.all()}
    assert set(names) == before | {"Sadun Shakir", "Sa'dun Shakir Mahmud"}
    assert names["Sadun Shakir"].kind == NameKind.FORMER


def test_the_merged_persons_old_addresses_lead_to_the_survivor(
    client, duplicate_person, merger_user
):
    survivor, duplicate = duplicate_person
    survivor.status = Status.PUBLISHED
    survivor.save()
    Merger.for_records(survivor, duplicate, user=merger_user).merge()
    for old in ("/persons/sadun-shakir/", "/persons/sadun-shakir-old/"):
        response = client.get(old)
        assert response.status_code == 301
        assert response.url == f"/persons/{survivor.slug}/"
    assert client.get(response.url).status_code == 200


def test_a_merge_is_in_the_history_under_the_user_with_its_reason(duplicate_person, merger_user):
    survivor, duplicate = duplicate_person
    duplicate_id = duplicate.pk
    Merger.for_records(survivor, duplicate, user=merger_user).merge()
    moved = Mention.history.filter(person_id=survivor.pk, history_type="~").latest("history_date")
    assert moved.history_user == merger_user
    assert moved.history_change_reason == (
        "merged “Sadun Shakir” (sadun-shakir) into “Saadoun Shaker” (saadoun-shaker)"
    )
    deleted = Person.history.get(id=duplicate_id, history_type="-")
    assert deleted.history_user == merger_user


def test_a_plan_says_what_will_move_and_changes_nothing(duplicate_person):
    survivor, duplicate = duplicate_person
    plan = Merger.for_records(survivor, duplicate).plan()
    assert len(plan.moved["mentions"]) == 1
    assert len(plan.combined["mentions"]) == 1
    assert len(plan.combined["participations in contact events"]) == 1
    assert plan.new_names == ["Sa'dun Shakir Mahmud", "Sadun Shakir"]
    assert Person.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.mentions.count() == 2


def test_a_record_cannot_be_merged_with_itself_or_another_kind(seed):
    person = Person.objects.get(slug="erich-mielke")
    with pytest.raises(MergeError, match="itself"):
        Merger.for_records(person, person)
    with pytest.raises(MergeError):
        Merger.for_records(person, Agency.objects.first())


def test_merging_an_agency_moves_sub_agencies_names_and_participations(seed, merger_user):
    mfs = Agency.objects.get(slug="mfs")
    duplicate = Agency.objects.create(name="Ministerium für Staatssicherheit der DDR", slug="mfs-2")
    AgencyName.objects.create(agency=duplicate, name="MfS")  # the survivor has it already
    AgencyName.objects.create(agency=duplicate, name="Stasi-Ministerium")
    sub = Agency.objects.create(name="Department 26", slug="abt-26", parent=duplicate)
    event = mfs.participations.first().event
    Participant.objects.create(event=event, agency=duplicate, role=Participant.Role.PARTICIPANT)
    sub_count = mfs.sub_agencies.count()

    Merger.for_records(mfs, duplicate, user=merger_user).merge()

    sub.refresh_from_db()
    assert sub.parent == mfs
    assert mfs.sub_agencies.count() == sub_count + 1
    names = set(mfs.names.values_list("name", flat=True))
    assert {"Stasi-Ministerium", "Ministerium für Staatssicherheit der DDR"} <= names
    assert mfs.names.filter(name="MfS").count() == 1
    assert event.participants.filter(agency=mfs, role=Participant.Role.PARTICIPANT).exists()
    assert RetiredSlug.lookup(Agency, "mfs-2") == mfs


def test_an_agency_merged_into_its_own_sub_agency_leaves_no_loop(seed, merger_user):
    mfs = Agency.objects.get(slug="mfs")
    ha_x = Agency.objects.get(slug="mfs-ha-x")
    Merger.for_records(ha_x, mfs, user=merger_user).merge()
    ha_x.refresh_from_db()
    assert ha_x.parent is None
    assert Agency.objects.get(slug="mfs-ha-iii").parent == ha_x


def test_a_merge_of_long_names_keeps_its_reason_within_the_history_field(seed, merger_user):
    mfs = Agency.objects.get(slug="mfs")
    duplicate = Agency.objects.create(
        name="Ministerium für Staatssicherheit der Deutschen Demokratischen Republik",
        slug="ministerium-fur-staatssicherheit",
    )
    Merger.for_records(mfs, duplicate, user=merger_user).merge()
    record = Agency.history.filter(history_type="-").latest("history_date")
    assert record.history_change_reason == "merged ministerium-fur-staatssicherheit into mfs"


def test_without_the_publish_right_a_draft_is_not_merged_into_a_published_record(seed):
    published = Person.objects.get(slug="erich-mielke")
    published.status = "published"
    published.save()
    draft = Person.objects.create(preferred_name="E. Mielke", slug="e-mielke")
    merger = Merger.for_records(published, draft, may_publish=False)
    with pytest.raises(MergeError, match="needs an editor"):
        merger.merge()
    assert Person.objects.filter(pk=draft.pk).exists()
    assert not published.names.filter(name="E. Mielke").exists()
    Merger.for_records(published, draft, may_publish=True).merge()
    assert published.names.filter(name="E. Mielke").exists()


def test_a_merge_keeps_the_duplicates_authority_identifiers_where_the_survivor_has_none(
    duplicate_person, merger_user
):
    survivor, duplicate = duplicate_person
    Person.objects.filter(pk=survivor.pk).update(wikidata_id="Q1234")
    Person.objects.filter(pk=duplicate.pk).update(wikidata_id="Q999", gnd_id="118540238")
    survivor.refresh_from_db()
    duplicate.refresh_from_db()

    Merger.for_records(survivor, duplicate, user=merger_user).merge()

    survivor.refresh_from_db()
    assert (survivor.wikidata_id, survivor.gnd_id) == ("Q1234", "118540238")
