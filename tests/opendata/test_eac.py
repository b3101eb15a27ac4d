"""Saadoun Shaker and the MfS in EAC-CPF 2.0, field by field against the catalog."""

from lxml import etree

from catalog.models import Agency, Person, Status
from tests.opendata.conftest import NS

EAC = NS["eac"]


def eac_of(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def names(root) -> list[tuple[str, str, str]]:
    return [
        (
            entry.get("status"),
            entry.get("localType") or "",
            entry.findtext("eac:part", namespaces=NS),
        )
        for entry in root.findall("eac:cpfDescription/eac:identity/eac:nameEntry", NS)
    ]


def test_saadoun_shaker_as_eac_cpf_field_by_field(seed, client):
    shaker = Person.objects.get(slug="saadoun-shaker")
    root = eac_of(client, "/persons/saadoun-shaker/eac.xml")
    assert root.tag == f"{{{EAC}}}eac"
    control = root.find("eac:control", NS)
    assert control.findtext("eac:recordId", namespaces=NS) == f"person-{shaker.pk}"
    assert control.get("maintenanceStatus") == "revised"
    assert control.find("eac:representation", NS).get("href") == (
        "http://testserver/persons/saadoun-shaker/"
    )
    identity = root.find("eac:cpfDescription/eac:identity", NS)
    assert identity.find("eac:entityType", NS).get("value") == "person"
    variants = {(n.name, n.kind) for n in shaker.names.all()}
    assert names(root) == [
        ("authorized", "", "Saadoun Shaker"),
        ("alternative", "inverted", "Shaker, Saadoun"),
        *sorted(("alternative", kind, name) for name, kind in variants),
    ]
    roles = list(shaker.roles.select_related("agency"))
    occupations = root.findall(".//eac:occupations/eac:occupation", NS)
    assert [o.findtext("eac:term", namespaces=NS) for o in occupations] == [r.title for r in roles]
    head = next(o for o in occupations if o.findtext("eac:term", namespaces=NS).startswith("Head"))
    role = next(r for r in roles if r.title == "Head of the Security Office")
    start, end = (
        head.find("eac:dateRange/eac:fromDate", NS),
        head.find("eac:dateRange/eac:toDate", NS),
    )
    # "../1975-08-29": in office by that day; "1975-08-29/1986-02-27": left in between.
    assert (start.get("notBefore"), start.get("notAfter")) == (None, "1975-08-29")
    assert start.text == "by 29 August 1975"
    assert role.end_earliest.isoformat() == end.get("notBefore") == "1975-08-29"
    assert role.end_latest.isoformat() == end.get("notAfter") == "1986-02-27"
    relations = root.findall(".//eac:relations/eac:relation", NS)
    assert [
        (
            r.findtext("eac:targetEntity/eac:part", namespaces=NS),
            r.find("eac:targetEntity", NS).get("valueURI"),
            r.findtext("eac:targetRole", namespaces=NS),
        )
        for r in relations
    ] == [(r.agency.name, f"http://testserver/agencies/{r.agency.slug}/", r.title) for r in roles]


def test_the_mfs_as_eac_cpf_field_by_field(seed, client):
    mfs = Agency.objects.get(slug="mfs")
    root = eac_of(client, "/agencies/mfs/eac.xml")
    identity = root.find("eac:cpfDescription/eac:identity", NS)
    assert identity.find("eac:entityType", NS).get("value") == "corporateBody"
    assert names(root) == [
        ("authorized", "", "Ministry for State Security"),
        ("alternative", "abbreviation", "MfS"),
        ("alternative", "colloquial", "Stasi"),
        ("alternative", "translation", "Ministerium für Staatssicherheit"),
    ]
    german = identity.find("eac:nameEntry[@localType='translation']", NS)
    assert german.get("languageOfElement") == "ger"
    place = root.find(".//eac:places/eac:place", NS)
    assert place.findtext("eac:placeName", namespaces=NS) == mfs.country
    parts = [
        (
            r.findtext("eac:targetEntity/eac:part", namespaces=NS),
            r.findtext("eac:relationType", namespaces=NS),
        )
        for r in root.findall(".//eac:relation", NS)
    ]
    children = mfs.sub_agencies.filter(status=Status.PUBLISHED).order_by("name")
    assert parts == [(child.name, "has part") for child in children]
    assert len(parts) == 3
    # A sub-agency's record names the MfS as the agency it is part of.
    ha_x = eac_of(client, "/agencies/mfs-ha-x/eac.xml")
    relation = ha_x.find(".//eac:relation", NS)
    assert relation.findtext("eac:targetEntity/eac:part", namespaces=NS) == mfs.name
    assert relation.findtext("eac:relationType", namespaces=NS) == "part of"


def test_drafts_are_neither_records_nor_relations(seed, client):
    Agency.objects.filter(slug="mfs-ha-iii").update(status=Status.DRAFT)
    root = eac_of(client, "/agencies/mfs/eac.xml")
    assert "Main Department III" not in etree.tostring(root, encoding="unicode")
    assert client.get("/agencies/mfs-ha-iii/eac.xml").status_code == 404
    page = client.get("/persons/saadoun-shaker/").content.decode()
    assert 'href="/persons/saadoun-shaker/eac.xml"' in page and ">EAC-CPF XML</a>" in page
    assert 'href="/agencies/mfs/eac.xml"' in client.get("/agencies/mfs/").content.decode()


def test_authority_identifiers_are_identity_ids_and_none_is_invented(seed, client):
    root = eac_of(client, "/agencies/mfs/eac.xml")
    assert root.findall(".//eac:identityId", NS) == []  # the seed claims none
    # Values set here for the test, well-formed for their authority files.
    Agency.objects.filter(slug="mfs").update(gnd_id="2005090-2", wikidata_id="Q1278")
    root = eac_of(client, "/agencies/mfs/eac.xml")
    ids = [
        (node.get("localType"), node.text, node.get("valueURI"))
        for node in root.findall("eac:cpfDescription/eac:identity/eac:identityId", NS)
    ]
    assert ids == [
        ("GND", "2005090-2", "https://d-nb.info/gnd/2005090-2"),
        ("Wikidata", "Q1278", "http://www.wikidata.org/entity/Q1278"),
    ]
    identity = root.find("eac:cpfDescription/eac:identity", NS)
    order = [etree.QName(child).localname for child in identity]
    assert order.index("identityId") > max(i for i, n in enumerate(order) if n == "nameEntry")
