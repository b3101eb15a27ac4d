"""The seed memo in EAD 3, field by field against what the catalog holds."""

from lxml import etree

from catalog.models import Mention, Person, Status
from tests.opendata.conftest import NS

EAD = NS["ead"]


def ead_of(client, document):
    response = client.get(f"/documents/{document.slug}/ead.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def texts(root, path: str) -> list[str]:
    return [" ".join(node.itertext()).strip() for node in root.xpath(path, namespaces=NS)]


def test_the_seed_memo_as_ead3_field_by_field(seed, client):
    root = ead_of(client, seed)
    assert root.tag == f"{{{EAD}}}ead"
    assert [etree.QName(child).localname for child in root] == ["control", "archdesc"]
    control = root.find("ead:control", NS)
    assert control.findtext("ead:recordid", namespaces=NS) == f"document-{seed.pk}"
    assert control.find("ead:recordid", NS).get("instanceurl") == (
        f"http://testserver/documents/{seed.slug}/"
    )
    assert texts(control, "ead:filedesc/ead:titlestmt/ead:titleproper") == [seed.title]
    archdesc = root.find("ead:archdesc", NS)
    assert archdesc.get("level") == "file"
    did = archdesc.find("ead:did", NS)
    reference = seed.archival_references.get()
    assert texts(did, "ead:unitid") == [reference.as_written] == ["BStU, ZA, HA X 104, pp. 49-51"]
    assert texts(did, "ead:repository/ead:corpname/ead:part") == ["Stasi Records Archive"]
    assert texts(did, "ead:unittitle") == [seed.title]
    unitdate = did.find("ead:unitdate", NS)
    assert unitdate.text == seed.date_as_written == "February 28, 1986"
    assert unitdate.get("normal") == seed.date_earliest.isoformat() == "1986-02-28"
    single = did.find("ead:unitdatestructured/ead:datesingle", NS)
    assert single.get("standarddate") == "1986-02-28"
    languages = did.findall("ead:langmaterial/ead:language", NS)
    assert [(lang.get("langcode"), lang.text) for lang in languages] == [("ger", "German")]
    # The agency whose file unit the reference names ("HA X" in "HA X 104").
    assert texts(did, "ead:origination/ead:corpname/ead:part") == [
        "Main Department X (International Relations)"
    ]
    assert texts(did, "ead:abstract") == [seed.summary]

    access = archdesc.find("ead:controlaccess", NS)
    mentioned = Mention.objects.filter(translation__document=seed)
    persons = {m.person.preferred_name for m in mentioned if m.person}
    agencies = {m.agency.name for m in mentioned if m.agency}
    assert set(texts(access, "ead:persname/ead:part")) == persons
    assert "Saadoun Shaker" in persons and "Ministry for State Security" in agencies
    assert set(texts(access, "ead:corpname/ead:part")) == agencies
    assert set(texts(access, "ead:geogname/ead:part")) == {p.name for p in seed.places.all()}
    assert set(texts(access, "ead:subject/ead:part")) == {s.name for s in seed.subjects.all()}
    shaker = access.xpath("ead:persname[ead:part='Saadoun Shaker']", namespaces=NS)[0]
    assert shaker.get("identifier") == "http://testserver/persons/saadoun-shaker/"

    translation = seed.translations.get()
    odd = archdesc.find("ead:odd[@localtype='translation']", NS)
    assert translation.credit_line in texts(odd, "ead:p")
    translator = odd.find(".//ead:persname[@relator='translator']", NS)
    assert texts(translator, "ead:part") == ["Bernd Schaefer"]
    assert texts(archdesc, "ead:odd[@localtype='classification']/ead:p") == [
        "Strictly Confidential"
    ]
    ref = archdesc.find("ead:altformavail/ead:p/ead:ref", NS)
    assert ref.get("href") == "https://digitalarchive.wilsoncenter.org/document/122923"
    assert texts(archdesc, "ead:prefercite/ead:p") == [seed.citation]


def test_a_draft_person_is_no_access_term_and_a_draft_document_has_no_ead(seed, client):
    Person.objects.filter(slug="saadoun-shaker").update(status=Status.DRAFT)
    root = ead_of(client, seed)
    assert "Saadoun Shaker" not in etree.tostring(root, encoding="unicode")
    seed.status = Status.DRAFT
    seed.save()
    assert client.get(f"/documents/{seed.slug}/ead.xml").status_code == 404


def test_the_document_page_links_its_ead_and_an_old_address_redirects(seed, client):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert f'href="/documents/{seed.slug}/ead.xml"' in page and ">EAD XML</a>" in page
    old = seed.slug
    seed.slug = "renamed-memo"
    seed.save()
    response = client.get(f"/documents/{old}/ead.xml")
    assert response.status_code == 301
    assert response["Location"] == "/documents/renamed-memo/ead.xml"


def test_a_control_character_in_a_title_does_not_break_the_xml(seed, client):
    seed.title = "Relations\x0c between the MfS\x0b and Iraq"  # PostgreSQL refuses NUL
    seed.save()
    root = ead_of(client, seed)
    assert texts(root, "ead:archdesc/ead:did/ead:unittitle") == [
        "Relations between the MfS and Iraq"
    ]
