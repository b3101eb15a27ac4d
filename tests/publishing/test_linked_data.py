"""schema.org JSON-LD on the pages of persons, agencies, contact events and places."""

import json
import re

from catalog.models import Agency, ContactEvent, Person, Place, Status, Translation

EVENT = "/events/1975-08-29-scholz-meets-saadoun-shaker/"


def json_ld(client, url: str) -> dict:
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert len(scripts) == 1, url
    return json.loads(scripts[0])


def test_a_person_is_described_with_names_and_offices(seed, client):
    data = json_ld(client, "/persons/saadoun-shaker/")
    assert data["@type"] == "Person"
    assert data["@id"] == "http://testserver/persons/saadoun-shaker/"
    assert data["name"] == "Saadoun Shaker"
    assert "Sa'dun Shakir" in data["alternateName"]
    offices = {(role["roleName"], role["memberOf"]["name"]) for role in data["memberOf"]}
    assert ("Minister of the Interior", "Ministry of the Interior of Iraq") in offices


def test_an_agency_is_described_inside_its_parent_over_its_published_sub_agencies(seed, client):
    Agency.objects.filter(slug="mfs-ha-iii").update(status=Status.DRAFT)
    data = json_ld(client, "/agencies/mfs/")
    assert data["@type"] == "GovernmentOrganization"
    assert "MfS" in data["alternateName"]
    subs = {sub["@id"] for sub in data["subOrganization"]}
    assert "http://testserver/agencies/mfs-ha-x/" in subs
    assert "http://testserver/agencies/mfs-ha-iii/" not in subs  # a draft

    child = json_ld(client, "/agencies/mfs-ha-x/")
    assert child["parentOrganization"]["@id"] == "http://testserver/agencies/mfs/"


def test_an_event_names_its_date_place_published_attendees_and_sources(seed, client):
    Person.objects.filter(slug="alfred-scholz").update(status=Status.DRAFT)
    data = json_ld(client, EVENT)
    assert data["@type"] == "Event"
    assert data["startDate"] == "1975-08-29"
    assert "endDate" not in data
    assert data["location"]["@id"] == "http://testserver/places/german-democratic-republic/"
    attendees = {attendee["@id"] for attendee in data["attendee"]}
    assert "http://testserver/persons/saadoun-shaker/" in attendees
    # Scholz is a draft: his agency stands for him, never his name.
    assert "http://testserver/persons/alfred-scholz/" not in attendees
    assert "http://testserver/agencies/mfs/" in attendees
    assert "Alfred Scholz" not in json.dumps(data)
    assert data["subjectOf"][0]["name"].startswith("Relations between the Ministry")


def test_an_uncertain_date_gives_no_date_rather_than_a_wrong_one(seed, client):
    ContactEvent.objects.filter(slug="1975-08-29-scholz-meets-saadoun-shaker").update(
        date="1975-08~"
    )
    assert "startDate" not in json_ld(client, EVENT)
    ContactEvent.objects.filter(slug="1975-08-29-scholz-meets-saadoun-shaker").update(
        date="1975-08/1975-09"
    )
    data = json_ld(client, EVENT)
    assert (data["startDate"], data["endDate"]) == ("1975-08", "1975-09")


def test_a_place_is_described_inside_the_larger_place(seed, client):
    data = json_ld(client, "/places/baghdad/")
    assert data["@type"] == "Place"
    assert data["name"] == "Baghdad"
    assert data["containedInPlace"]["@id"] == "http://testserver/places/iraq/"


def test_markup_in_a_name_cannot_close_the_script(seed, client):
    Place.objects.filter(slug="baghdad").update(name="Baghdad </script><b>")
    html = client.get("/places/baghdad/").content.decode()
    assert "</script><b>" not in html
    assert json_ld(client, "/places/baghdad/")["name"] == "Baghdad </script><b>"


def test_authority_identifiers_are_same_as_uris_and_links_on_the_page(seed, client):
    Person.objects.filter(slug="saadoun-shaker").update(gnd_id="118540238", wikidata_id="Q5879")
    Agency.objects.filter(slug="mfs").update(gnd_id="2005090-2", viaf_id="123456789")
    Place.objects.filter(slug="baghdad").update(geonames_id="98182")

    assert json_ld(client, "/persons/saadoun-shaker/")["sameAs"] == [
        "https://d-nb.info/gnd/118540238",
        "http://www.wikidata.org/entity/Q5879",
    ]
    assert json_ld(client, "/agencies/mfs/")["sameAs"] == [
        "https://d-nb.info/gnd/2005090-2",
        "http://viaf.org/viaf/123456789",
    ]
    assert json_ld(client, "/places/baghdad/")["sameAs"] == ["https://sws.geonames.org/98182/"]

    page = client.get("/persons/saadoun-shaker/").content.decode()
    assert '<a href="https://www.wikidata.org/wiki/Q5879" rel="external">Q5879</a>' in page
    assert 'href="https://d-nb.info/gnd/118540238"' in page
    assert (
        'href="https://www.geonames.org/98182/"' in client.get("/places/baghdad/").content.decode()
    )


def test_a_record_without_identifiers_has_no_same_as(seed, client):
    assert "sameAs" not in json_ld(client, "/persons/saadoun-shaker/")
    assert "In authority files" not in client.get("/persons/saadoun-shaker/").content.decode()


def test_a_document_is_an_archive_component_with_its_archive_translator_and_topics(seed, client):
    scholz = Person.objects.get(slug="alfred-scholz")
    Translation.objects.filter(document=seed).update(translator=scholz)
    url = f"http://testserver{seed.get_absolute_url()}"

    data = json_ld(client, seed.get_absolute_url())
    assert data["@id"] == url and "ArchiveComponent" in data["@type"]
    assert data["holdingArchive"]["@type"] == "ArchiveOrganization"
    assert data["holdingArchive"]["name"] == "Stasi Records Archive"
    assert data["translator"] == [
        {
            "@type": "Person",
            "@id": "http://testserver/persons/alfred-scholz/",
            "name": "Alfred Scholz",
        }
    ]
    about = {item["@id"]: item["@type"] for item in data["about"]}
    assert about["http://testserver/subjects/counterintelligence/"] == "DefinedTerm"
    assert about[f"http://testserver{EVENT}"] == "Event"
    mentioned = {item["@id"] for item in data["mentions"]}
    assert {"http://testserver/persons/saadoun-shaker/", "http://testserver/agencies/mfs/"} <= (
        mentioned
    )
    places = {item["@id"] for item in data["spatialCoverage"]}
    assert "http://testserver/places/iraq/" in places

    # A draft translator is not named; the page's own address stays its @id.
    Person.objects.filter(pk=scholz.pk).update(status=Status.DRAFT)
    data = json_ld(client, seed.get_absolute_url())
    assert "translator" not in data
    assert "http://testserver/persons/alfred-scholz/" not in json.dumps(data)


def test_a_subject_is_a_defined_term_at_the_address_documents_point_to(seed, client):
    data = json_ld(client, "/subjects/counterintelligence/")
    assert data["@type"] == "DefinedTerm"
    assert data["@id"] == "http://testserver/subjects/counterintelligence/"
    assert data["inDefinedTermSet"]["@id"] == "http://testserver/subjects/"
    about = json_ld(client, seed.get_absolute_url())["about"]
    assert data["@id"] in {item["@id"] for item in about}
