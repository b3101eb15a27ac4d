"""The document page: metadata, provenance chain, linked text, evidence, head metadata."""

import json
import re

import pytest
from django.contrib.auth.models import User

from catalog.models import ArchivalReference, Document, Repository
from tests.views import factories as make

SEED_URL = "/documents/mfs-relations-with-iraqi-intelligence-1986/"


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_it_shows_the_metadata_as_written_and_in_words(seed, client):
    html = client.get(SEED_URL).content.decode()
    assert "February 28, 1986" in html
    assert "28 February 1986" in html  # the EDTF date, in words
    assert "Berlin, 27 February 1986" in html
    assert "Strictly Confidential" in html
    assert 'href="/subjects/counterintelligence/"' in html
    assert 'href="/places/baghdad/"' in html
    assert "Translated for CWIHP by Bernd Schaefer." in html


def test_it_shows_the_provenance_chain_from_archive_to_publisher(seed, client):
    html = main_html(client.get(SEED_URL))
    provenance = html[html.index('id="provenance"') : html.index('id="cite"')]
    original = provenance.index("Original file in the Stasi Records Archive")
    translation = provenance.index("Translation into English")
    publisher = provenance.index("Published by the Wilson Center Digital Archive")
    assert original < translation < publisher
    for part in ("BStU, ZA, HA X 104, pp. 49-51", "<dd>HA X</dd>", "<dd>104</dd>", "pp. 49–51"):
        assert part in provenance
    assert '<a href="/persons/bernd-schaefer/">Bernd Schaefer</a>' in provenance
    assert '<a href="/agencies/cwihp/">Cold War International History Project</a>' in provenance
    assert "<dd>122923</dd>" in provenance
    assert 'href="https://digitalarchive.wilsoncenter.org/document/122923"' in html
    # The address it was harvested from is provenance, shown as such and never linked.
    assert (
        "<dt>Harvested from</dt><dd>https://wilson-center-digital-archive.dvincitest.com/" in html
    )
    assert "(test host; kept as provenance)" in html
    assert 'href="https://wilson-center-digital-archive.dvincitest.com' not in html


def test_it_flags_a_reference_that_awaits_review(seed, client):
    ArchivalReference.objects.create(
        document=seed,
        repository=Repository.objects.get(slug="bstu"),
        as_written="somewhere in a box, maybe",
    )
    html = main_html(client.get(SEED_URL))
    assert "somewhere in a box, maybe" in html
    assert "awaits an archivist" in html


def test_mentions_link_to_their_records_and_passages_have_anchors(seed, client):
    html = main_html(client.get(SEED_URL))
    assert '<a class="mention person" href="/persons/saadoun-shaker/">Saadoun Shaker</a>' in html
    assert '<a class="mention agency" href="/agencies/mfs/">MfS</a>' in html
    # The evidence of the 29 August 1975 meeting is an anchored passage of the text.
    match = re.search(r'<span class="passage" id="(p-translation-en-\d+)">On 29 August 1975', html)
    assert match
    assert f'href="#{match.group(1)}"' in html  # linked from the list of events


def test_it_preserves_paragraphs(seed, client):
    html = main_html(client.get(SEED_URL))
    assert "<p>Berlin, 27 February 1986</p>" in html
    assert "<p>Strictly Confidential</p>" in html


def test_it_lists_what_the_document_attests_with_evidence(seed, client):
    html = main_html(client.get(SEED_URL))
    attested = html[html.index('id="attested"') :]
    assert 'href="/events/1975-08-29-scholz-meets-saadoun-shaker/"' in attested
    assert "Comrade Lieutenant General Scholz saw Saadoun Shaker" in attested
    assert 'href="/persons/ghanem-hussein-daud/"' in attested
    assert 'href="/agencies/iraq-rcc-security-office/"' in attested


def test_a_translation_with_markup_is_escaped_also_inside_mentions(db, client):
    text = "Report <script>alert(1)</script> & more.\n\nThe <b>Agent & Co</b> met."
    translation = make.document("markup-memo", text)
    agency = make.Agency.objects.create(slug="agent-co", name="Agent & Co", status=make.PUBLISHED)
    make.mention(translation, "<b>Agent & Co</b>", agency=agency)
    html = main_html(client.get("/documents/markup-memo/"))
    assert "<script>alert(1)</script>" not in html
    assert "Report &lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in html
    link = f'<a class="mention agency" href="{agency.get_absolute_url()}">'
    assert f"{link}&lt;b&gt;Agent &amp; Co&lt;/b&gt;</a>" in html


def test_head_carries_json_ld_and_highwire_tags(seed, client):
    Document.objects.filter(pk=seed.pk).update(title="Memo </script><b> & Co")
    html = client.get(SEED_URL).content.decode()
    head = html[: html.index("</head>")]
    assert '<meta name="citation_title" content="Memo &lt;/script&gt;&lt;b&gt; &amp; Co">' in head
    assert '<meta name="citation_date" content="1986/02/28">' in head
    assert '<meta name="citation_publisher" content="Wilson Center Digital Archive">' in head
    assert 'name="citation_public_url" content="http://testserver' + SEED_URL in head
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert "</script><b>" not in script.group(1)
    data = json.loads(script.group(1))
    assert data["name"] == "Memo </script><b> & Co"
    assert "ArchiveComponent" in data["@type"]
    assert data["holdingArchive"]["name"] == "Stasi Records Archive"
    assert data["dateCreated"] == "1986-02-28"
    assert data["sameAs"] == "https://digitalarchive.wilsoncenter.org/document/122923"


def test_an_old_slug_redirects_permanently(seed, client):
    seed.slug = "renamed-memo"
    seed.save()
    response = client.get(SEED_URL)
    assert response.status_code == 301
    assert response["Location"] == "/documents/renamed-memo/"
    cite = client.get(SEED_URL + "cite.bib")
    assert cite.status_code == 301
    assert cite["Location"] == "/documents/renamed-memo/cite.bib"


def test_a_draft_document_is_not_found_by_visitors_but_shown_to_staff(db, client):
    make.document("draft-memo", "Not yet.", status=make.DRAFT)
    assert client.get("/documents/draft-memo/").status_code == 404
    assert client.get("/documents/draft-memo/cite.ris").status_code == 404
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    response = client.get("/documents/draft-memo/")
    assert response.status_code == 200
    assert "Draft, not public" in response.content.decode()


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_an_unknown_citation_format_is_not_found(seed, client, fmt):
    assert client.get(f"{SEED_URL}cite.{fmt}").status_code == 404
