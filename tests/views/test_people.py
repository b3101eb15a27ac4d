"""Person and agency pages, their index pages and offices in words."""

import pytest

from catalog.dates import describe_tenure


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_saadoun_shakers_page_shows_his_offices_with_evidence(seed, client):
    html = main_html(client.get("/persons/saadoun-shaker/"))
    assert "Sa&#x27;dun Shakir" in html  # a name variant
    offices = html[html.index('id="offices"') : html.index('id="contacts"')]
    assert "Head of the Security Office" in offices
    assert (
        "in office by 29 August 1975; left between 29 August 1975 and 27 February 1986" in offices
    )
    assert "Minister of the Interior" in offices
    assert "in office in February 1985" in offices
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
