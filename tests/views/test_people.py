"""Person and agency pages, their index pages and offices in words."""

import re

import pytest

from catalog.dates import describe_tenure
from catalog.models import Agency, Status


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_saadoun_shakers_page_shows_his_offices_with_evidence(seed, client):
    html = main_html(client.get("/persons/saadoun-shaker/"))
    assert "Sa&#x27;dun Shakir" in html  # a name variant
    offices = html[html.index('id="offices"') : html.index('id="contacts"')]
    assert "Head of the Security Office" in offices
    assert (
        "In office by 29 August 1975; left between 29 August 1975 and 27 February 1986" in offices
    )
    assert "Minister of the Interior" in offices
    assert "In office in February 1985" in offices
    assert "“the then head of the Security Office of the Revolutionary Command Council”" in offices
    assert "/documents/mfs-relations-with-iraqi-intelligence-1986/#p-" in offices
    # Offices in the order he held them.
    assert offices.index("Head of the Security Office") < offices.index("Minister of the Interior")


def test_saadoun_shakers_page_shows_his_1975_and_1985_contacts_in_order(seed, client):
    html = main_html(client.get("/persons/saadoun-shaker/"))
    contacts = html[html.index('id="contacts"') : html.index('id="documents"')]
    met_scholz = contacts.index('href="/events/1975-08-29-scholz-meets-saadoun-shaker/"')
    met_dickel = contacts.index('href="/events/1985-02-shaker-delegation-talks-with-dickel/"')
    planned = contacts.index('href="/events/1985-02-planned-meeting-shaker-mielke/"')
    assert met_scholz < met_dickel and met_scholz < planned
    assert "29 August 1975" in contacts and "February 1985" in contacts
    assert "1969-10-mielke-receives-al-amash" not in contacts  # not his contact
    assert 'href="/documents/mfs-relations-with-iraqi-intelligence-1986/"' in html


def test_an_agency_page_shows_names_hierarchy_office_holders_and_contacts(seed, client):
    html = main_html(client.get("/agencies/mfs/"))
    assert "Stasi" in html and "Ministerium für Staatssicherheit" in html
    assert 'href="/agencies/mfs-ha-iii/"' in html  # a sub-agency
    people = html[html.index('id="people"') : html.index('id="contacts"')]
    assert 'href="/persons/erich-mielke/"' in people
    assert "Minister for State Security" in people
    contacts = html[html.index('id="contacts"') : html.index('id="timeline"')]
    assert 'href="/agencies/iraq-general-security/"' in contacts
    # al-Amash in 1969, the study delegation of 1979, the meeting planned in 1985.
    assert "Ministry of the Interior of Iraq</a>: 3 contact events" in contacts
    timeline = html[html.index('id="timeline"') : html.index('id="documents"')]
    # Includes the December 1975 visit by its sub-agencies.
    assert 'href="/events/1975-12-mfs-delegation-to-iraq/"' in timeline


def test_a_sub_agency_page_names_the_agency_it_was_part_of(seed, client):
    html = main_html(client.get("/agencies/mfs-ha-iii/"))
    assert "HA III" in html
    part_of = html[html.index("Part of") :]
    assert 'href="/agencies/mfs/"' in part_of


def test_the_index_pages_list_persons_and_agencies(seed, client):
    persons = main_html(client.get("/persons/"))
    assert persons.index("Amash, Sali Mahdy al-") < persons.index("Shaker, Saadoun")
    agencies = main_html(client.get("/agencies/"))
    assert agencies.index("German Democratic Republic") < agencies.index(">Iraq<")
    assert 'href="/agencies/mfs-ha-x/"' in agencies


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("../1975-08-29", "1975-08-29/1986-02-27",
         "in office by 29 August 1975; left between 29 August 1975 and 27 February 1986"),
        ("../1985-02", "1985-02/..", "in office in February 1985"),
        ("1975", "1980-05-01", "took office in 1975; left office on 1 May 1980"),
        ("1975/1977", "", "took office between 1975 and 1977"),
        ("", "1979/..", "still in office in 1979"),
        ("", "", ""),
    ],
)  # fmt: skip
def test_tenure_is_described_as_the_evidence_allows(start, end, words):
    assert describe_tenure(start, end) == words


def test_old_addresses_of_persons_agencies_and_events_redirect_permanently(seed, client):
    from catalog.models import Agency, ContactEvent, Person

    for model, old, new, prefix in (
        (Person, "saadoun-shaker", "sadun-shakir", "persons"),
        (Agency, "mfs", "ministry-for-state-security", "agencies"),
        (ContactEvent, "1979-daud-requests-training", "1979-daud-asks-for-training", "events"),
    ):
        record = model.objects.get(slug=old)
        record.slug = new
        record.save()
        response = client.get(f"/{prefix}/{old}/")
        assert response.status_code == 301
        assert response["Location"] == f"/{prefix}/{new}/"
        assert client.get(f"/{prefix}/{new}/").status_code == 200


def test_document_lists_give_dates_in_the_catalogs_own_words(seed, client):
    """Day before month, as everywhere in the catalog, not the publisher's US style."""
    html = main_html(client.get("/persons/saadoun-shaker/"))
    documents = html[html.rindex("<h2") :]
    assert "28 February 1986" in documents
    assert "February 28, 1986" not in documents


def person_slugs(response) -> list[str]:
    return re.findall(r'<li><a href="/persons/([^/]+)/"', main_html(response))


def agency_slugs(response) -> list[str]:
    return re.findall(r'<a href="/agencies/([^/]+)/"', main_html(response))


@pytest.mark.parametrize(
    "query, found",
    [
        ("name=duri", ["izzat-ibrahim-al-douri"]),  # a transliteration
        ("name=shakir+saadoun", ["saadoun-shaker"]),  # words in any order, across variants
        ("name=AMASH", ["sali-mahdy-al-amash"]),
        ("agency=iraq-general-security", ["taher-ahmed-amin", "ghanem-hussein-daud"]),
        (
            "office=interior+minister&country=Iraq",
            ["sali-mahdy-al-amash", "izzat-ibrahim-al-douri", "saadoun-shaker"],
        ),
    ],
)
def test_persons_are_found_by_name_agency_office_and_country(seed, client, query, found):
    assert person_slugs(client.get(f"/persons/?{query}")) == found


def test_persons_are_found_by_the_period_of_their_offices_and_contacts(seed, client):
    after = person_slugs(client.get("/persons/?date_from=1987"))
    # Still in office after 1986 as far as the memo tells: open-ended tenures.
    assert "erich-mielke" in after and "saadoun-shaker" in after
    # Out of office by 27 February 1986, and in no later contact.
    assert "sali-mahdy-al-amash" not in after and "izzat-ibrahim-al-douri" not in after


def test_the_country_filter_keeps_persons_of_other_countries_out(seed, client):
    iraqis = person_slugs(client.get("/persons/?country=Iraq"))
    assert "saadoun-shaker" in iraqis and "erich-mielke" not in iraqis


def test_a_draft_person_is_never_found_by_the_public(seed, client):
    from catalog.models import Person

    Person.objects.create(slug="secret-agent", preferred_name="Secret Shaker")
    assert person_slugs(client.get("/persons/?name=shaker")) == ["saadoun-shaker"]
    html = main_html(client.get("/persons/?name=nobody-by-this-name"))
    assert "No persons match these filters." in html and "0 persons." in html


@pytest.mark.parametrize(
    "query, found",
    [
        ("name=stasi", ["mfs"]),  # a colloquial name
        ("name=ha+iii", ["mfs-ha-iii"]),  # an abbreviation
        ("part_of=mfs", ["mfs-ha-iii", "mfs-ha-x", "mfs-operative-technological-services"]),
        ("office=state+security", ["mfs"]),
    ],
)
def test_agencies_are_found_by_name_part_of_and_office(seed, client, query, found):
    assert sorted(agency_slugs(client.get(f"/agencies/?{query}"))) == found


def test_agencies_filtered_by_country_show_that_country_only(seed, client):
    html = main_html(client.get("/agencies/?country=Iraq"))
    assert ">Iraq</h2>" in html and "German Democratic Republic</h2>" not in html
    assert 'href="/agencies/iraq-general-security/"' in html


def test_the_agency_filter_takes_a_slug_and_refuses_an_id(seed, client):
    from catalog.models import Agency

    mfs = Agency.objects.get(slug="mfs")
    response = client.get(f"/agencies/?part_of={mfs.pk}")
    assert "No such record is listed here; choose one from the list." in main_html(response)
    assert agency_slugs(response) == []


def test_the_agency_list_is_paged_and_keeps_each_tree_under_its_country(seed, client, monkeypatch):
    from catalog.views import people

    monkeypatch.setattr(people, "AGENCIES_PER_PAGE", 4)
    first = main_html(client.get("/agencies/"))
    assert "Page 1 of" in first and ">German Democratic Republic</h2>" in first
    last = client.get("/agencies/?page=99")
    assert ">United States</h2>" in main_html(last)
    assert agency_slugs(last)[-1] == "cwihp"  # under the Wilson Center, on the last page


def test_persons_are_paged(seed, client, monkeypatch):
    from catalog.views import people

    monkeypatch.setattr(people, "PERSONS_PER_PAGE", 3)
    first, second = (
        person_slugs(client.get("/persons/")),
        person_slugs(client.get("/persons/?page=2")),
    )
    assert len(first) == len(second) == 3 and not set(first) & set(second)


def test_each_row_of_the_agency_tree_shows_its_address_abbreviation_and_draft_badge(seed, client):
    from django.contrib.auth.models import User

    from catalog.models import AgencyName
    from catalog.models.people import NameKind

    ha = Agency.objects.get(slug="mfs-ha-iii")
    AgencyName.objects.create(agency=ha, name="Z-Abt", kind=NameKind.ABBREVIATION)
    AgencyName.objects.create(agency=ha, name="Main Dept. III", kind=NameKind.TRANSLATION)
    Agency.objects.create(slug="draft-bureau", name="Draft Bureau", country="Iraq")
    html = main_html(client.get("/agencies/"))
    # The first abbreviation by name, not another kind of name.
    assert '<a href="/agencies/mfs-ha-iii/">Main Department III</a> (HA III)' in html
    assert "Draft Bureau" not in html and "draft-badge" not in html
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    html = main_html(client.get("/agencies/"))
    assert (
        '<a href="/agencies/draft-bureau/">Draft Bureau</a> <span class="draft-badge">'
        "Draft, not public</span>"
    ) in html


def test_a_page_of_the_agency_tree_has_the_same_rows_at_any_size(seed, client):
    """A page holds at most ``AGENCIES_PER_PAGE`` rows, a number that does not grow with
    the catalog."""
    from catalog.views import people

    mfs = Agency.objects.get(slug="mfs")
    Agency.objects.bulk_create(
        Agency(slug=f"unit-{n:03}", name=f"Unit {n:03}", parent=mfs, status=Status.PUBLISHED)
        for n in range(people.AGENCIES_PER_PAGE + 5)
    )
    first = agency_slugs(client.get("/agencies/"))
    second = agency_slugs(client.get("/agencies/?page=2"))
    assert len(first) == people.AGENCIES_PER_PAGE <= 50
    assert second and not set(first) & set(second)
