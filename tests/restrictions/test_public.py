"""Every public output reads the withheld view: a restricted name is nowhere public, and a
search for it finds nothing, until the restriction lifts."""

import datetime
import io
import re
from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command
from django.db import transaction
from django.utils.html import escape

from catalog import search
from catalog.models import (
    ContactEvent,
    Document,
    EventEvidence,
    Mention,
    Person,
    Restriction,
    SearchWord,
)
from catalog.restrictions import withheld
from catalog.restrictions.withheld import today
from tests.restrictions.public_urls import every_url, fetch_all

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason
NAME = "Taher Ahmed Amin"
# His name, his variant ("Tahir Ahmad Amin"), his sort name and his address.
FORBIDDEN = ["Taher", "Tahir", "taher-ahmed-amin", "Ahmed Amin", "Ahmad Amin", "Amin, T"]
# His name, misspellings that "did you mean" would correct to it, and other words of the memo.
WORDS = (
    "Taher",
    "Tahir",
    "Tahe",
    "Tahr",
    "Taher Ahmed Amin",
    "Amin",
    "Shaker",
    "Baghdad",
    "security",
)


def restrict(translation, quote, **kwargs):
    fields = {
        "scope": Scope.PASSAGE,
        "translation": translation,
        "quote": quote,
        "reason": Reason.THIRD_PARTY,
        "rule": Rule.FIXED,
        "lift_date": datetime.date(2031, 1, 1),
    }
    fields.update(kwargs)
    restriction = Restriction(**fields)
    restriction.full_clean()
    restriction.save()
    return restriction


def leaks(client, forbidden=FORBIDDEN):
    """(address, word) wherever a forbidden word shows; a search's echo of its own query
    ("Search: Taher") is the visitor's words, not the catalog's, and does not count."""
    found = []
    for url, status, text in fetch_all(client, every_url(WORDS)):
        assert status in (200, 404, 451), (url, status)
        typed = parse_qs(urlsplit(url).query).get("q", [""])[0]
        for echo in sorted({typed, *typed.split()}, key=len, reverse=True):
            if echo:
                text = re.sub(rf"\b{re.escape(echo)}\b", "", text, flags=re.IGNORECASE)
        found += [(url, word) for word in forbidden if word.lower() in text.lower()]
    return found


def test_every_url_answers_and_names_him_before_the_restriction(seed, client):
    """The walk sees his name where it is public, so that its silence later means something."""
    pages = {url for url, word in leaks(client) if word == "Taher"}
    assert f"/documents/{seed.slug}/" in pages
    assert "/persons/" in pages
    assert "/documents/?q=Tahe" in pages  # "Did you mean: Taher"
    assert search_finds(client, "Taher") == [seed.slug]


def search_finds(client, words):

    return list(
        search.search_documents(Document.objects.all(), words).values_list("slug", flat=True)
    )


def test_a_withheld_passage_names_him_nowhere_public(seed, client):
    translation = seed.translations.get()
    assert translation.text[1737:1753] == NAME
    restrict(translation, NAME)
    assert leaks(client) == []
    assert search_finds(client, "Taher") == []
    # The rest of the memo is still found, and its page still shows the text around him.
    assert search_finds(client, "Saadoun Shaker") == [seed.slug]
    page = client.get(f"/documents/{seed.slug}/").content.decode()
    assert '<span class="withheld" title="Personal data withheld' in page
    assert ">[personal data withheld until 2031]</span>" in page
    assert client.get("/persons/taher-ahmed-amin/").status_code == 404
    # No word of his is in the vocabulary that suggestions come from.
    assert not SearchWord.objects.filter(word__in=["taher", "tahir"]).exists()


def test_once_the_lift_day_has_passed_he_is_public_again_and_found(seed, client):
    translation = seed.translations.get()
    restriction = restrict(translation, NAME)
    assert search_finds(client, "Taher") == []
    # Time passes: the lift day is yesterday (no save, no signal: as the calendar does it).
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Restriction.objects.filter(pk=restriction.pk).update(lifts_on=yesterday)
    # Pages read the withheld view of the day: he is back at once ...
    page = client.get(f"/documents/{seed.slug}/").content.decode()
    assert NAME in page and "withheld" not in page
    assert client.get("/persons/taher-ahmed-amin/").status_code == 200
    # ... but the index was written while he was withheld: lift_restrictions catches it up.
    assert search_finds(client, "Taher") == []
    out = io.StringIO()
    call_command("lift_restrictions", stdout=out)
    assert f"Lifted A passage of a text: “{NAME}” (id {restriction.pk}, lifts on {yesterday}" in (
        out.getvalue()
    )
    assert "1 restriction(s) lifted; 1 document(s) reindexed." in out.getvalue()
    assert search_finds(client, "Taher") == [seed.slug]
    assert SearchWord.objects.filter(word="taher").exists()
    assert {word for url, word in leaks(client)} >= {"Taher", "taher-ahmed-amin", "Tahir"}
    restriction.refresh_from_db()
    assert restriction.lift_recorded is not None
    assert restriction.history.first().history_change_reason == f"Lifted on {today()}"
    # Idempotent: nothing more to lift, nothing written.
    out = io.StringIO()
    call_command("lift_restrictions", stdout=out)
    assert out.getvalue().startswith("Nothing to lift")
    assert restriction.history.count() == 2


CITE = ("bib", "ris", "json")


def names_of(slug: str) -> list[str]:
    person = Person.objects.get(slug=slug)
    return [person.preferred_name, slug, *person.names.values_list("name", flat=True)]


def test_a_withheld_person_is_nowhere_public_and_named_nowhere(seed, client):
    forbidden = names_of("saadoun-shaker")
    shaker = Person.objects.get(slug="saadoun-shaker")
    restrict(None, "", scope=Scope.PERSON, person=shaker)
    # (The API's schema gives his address as an example of a slug: documentation, not data.)
    assert [leak for leak in leaks(client, forbidden) if leak[0] != "/api/schema/"] == []
    assert search_finds(client, "Shaker") == []
    assert client.get("/persons/saadoun-shaker/").status_code == 404
    # The memo is still public, with each of the three places that named him withheld.
    page = client.get(f"/documents/{seed.slug}/").content.decode()
    assert page.count(">[personal data withheld until 2031]</span>") == 3
    assert search_finds(client, "Scholz") == [seed.slug]


def test_a_withheld_document_answers_451_and_is_nowhere_else(seed, client):
    title = seed.title
    restrict(None, "", scope=Scope.DOCUMENT, document=seed)
    response = client.get(f"/documents/{seed.slug}/")
    assert response.status_code == 451
    page = response.content.decode()
    assert title in page and "withheld until 2031" in page
    assert "Saadoun" not in page and "Scholz" not in page
    for fmt in CITE:
        assert client.get(f"/documents/{seed.slug}/cite.{fmt}").status_code == 451
    assert client.get(f"/documents/{seed.slug}/ead.xml").status_code == 404
    assert client.get(f"/api/documents/{seed.slug}/").status_code == 404
    # Nowhere else: not its title, not its address, not the persons only it names.
    found = leaks(client, [title, seed.slug, *names_of("saadoun-shaker")])
    own = {f"/documents/{seed.slug}/", *(f"/documents/{seed.slug}/cite.{f}" for f in CITE)}
    assert {url for url, _ in found if url != "/api/schema/"} == own
    assert search_finds(client, "Shaker") == search_finds(client, "Scholz") == []
    oai = client.get("/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc").content.decode()
    deleted = rf'<header status="deleted">\s*<identifier>oai:liaison.catalog:document/{seed.pk}<'
    assert re.search(deleted, oai)


def test_the_text_around_a_withheld_passage_keeps_its_links_and_anchors(seed, client):
    translation = seed.translations.get()
    restrict(translation, NAME)
    page = client.get(f"/documents/{seed.slug}/").content.decode()
    mentions = Mention.objects.filter(translation=translation).select_related("person", "agency")
    shown = [m for m in mentions if not (m.start < 1753 and m.end > 1737)]
    assert len(shown) == len(mentions) - 1
    # Every other mention links its own words: the offsets after the placeholder moved.
    for mention in shown:
        link = f'href="{mention.target.get_absolute_url()}">{escape(mention.quote)}</a>'
        assert link in page, mention.quote
    # Evidence keeps the anchor other pages link to (its offset in the full text); the
    # evidence of his meeting with Scholz lies in the withheld passage and has none (the
    # al-Douri delegation he took part in stays public, without him).
    view = withheld.build()
    hidden_events = {e.slug for e in ContactEvent.objects.filter(pk__in=list(view.events))}
    assert hidden_events == {"1975-08-scholz-meets-taher-ahmed-amin"}
    delegation = client.get("/events/1975-08-al-douri-delegation-to-the-gdr/")
    assert delegation.status_code == 200 and "Taher" not in delegation.content.decode()
    for evidence in EventEvidence.objects.filter(translation=translation):
        anchor = f'id="{evidence.anchor}"'
        hidden = view.hides_event(evidence.event_id) or view.hides_passage(
            translation.pk, evidence.start, evidence.end
        )
        assert (anchor in page) != hidden, evidence.quote


def test_saving_and_removing_a_restriction_reindexes_in_the_same_transaction(seed, client):
    amin = Person.objects.get(slug="taher-ahmed-amin")
    with transaction.atomic():
        restriction = restrict(None, "", scope=Scope.PERSON, person=amin)
        assert search_finds(client, "Tahir") == []  # his name variant went with him
    assert not SearchWord.objects.filter(word="tahir").exists()
    with transaction.atomic():
        restriction.delete()
        assert search_finds(client, "Tahir") == [seed.slug]
    assert SearchWord.objects.filter(word="tahir", documents=1).exists()


def test_a_lift_day_moved_by_a_changed_death_date_reindexes(seed, client):
    amin = Person.objects.get(slug="taher-ahmed-amin")
    restriction = restrict(
        seed.translations.get(), NAME, person=amin, rule=Rule.STATUTORY, lift_date=None
    )
    assert search_finds(client, "Taher") == []
    amin.life_dates = "1930/2001"  # protected until the end of 2011: lifted long ago
    amin.save()
    assert search_finds(client, "Taher") == [seed.slug]
    call_command("lift_restrictions", stdout=io.StringIO())
    restriction.refresh_from_db()
    assert restriction.lift_recorded is not None
    amin.life_dates = "1930/2030"  # a correction: protected again, and a later lift recorded anew
    amin.save()
    restriction.refresh_from_db()
    assert restriction.lift_recorded is None
    assert search_finds(client, "Taher") == []
    assert "Taher" not in client.get(f"/documents/{seed.slug}/").content.decode()


def test_collections_and_related_documents_leave_withheld_content_out(seed, client):
    """A withheld document is not listed in its collection; a name in a withheld passage
    is no reason for two documents to be related, and is not named as one."""
    from catalog.models import Collection, CollectionDocument
    from tests.views import factories as make

    amin = Person.objects.get(slug="taher-ahmed-amin")
    other = make.document("amin-report", "A report by Taher Ahmed Amin on training.")
    make.mention(other, NAME, person=amin)
    collection = Collection.objects.create(slug="iraq", title="Iraq", status="published")
    for position, document in enumerate([seed, other.document], start=1):
        CollectionDocument.objects.create(
            collection=collection, document=document, position=position
        )
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "Amin-report" in page or "amin-report" in page  # related through Amin
    restrict(seed.translations.get(), NAME)
    restrict(None, "", scope=Scope.DOCUMENT, document=other.document)
    listing = client.get("/collections/iraq/").content.decode()
    assert seed.title in listing and "amin-report" not in listing
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "amin-report" not in page
    for word in FORBIDDEN:
        assert word not in page


def test_a_restriction_placed_after_the_facets_were_compiled_reaches_them(seed, client):
    """The list's facets run SQL compiled once and kept (``search.facets``): a passage
    withheld after that is in the next page's person facet, which names him no more."""
    shown = client.get("/documents/").content.decode()
    assert 'href="?person=taher-ahmed-amin"' in shown
    restrict(seed.translations.get(), NAME)
    assert "taher-ahmed-amin" not in client.get("/documents/").content.decode()


def test_a_document_attesting_an_office_only_in_withheld_text_is_not_on_the_persons_page(
    seed, client
):
    """A document whose only word on a person is the evidence of an office they held, in a
    passage withheld (or in a draft text), is not listed on the person's page: the list
    would tell what the withheld passage says."""
    from tests.views import factories as make

    role = seed.translations.get().roleevidence_set.first().role
    quote = f"{role.person.preferred_name} was appointed head of the department."
    note = make.document("appointment-note", f"The report says that {quote} Nothing else.")
    make.role_evidence(role, note, quote)
    page = f"/persons/{role.person.slug}/"
    assert 'href="/documents/appointment-note/"' in client.get(page).content.decode()
    restrict(note, quote)
    assert 'href="/documents/appointment-note/"' not in client.get(page).content.decode()
    # The office itself is still attested by the memo's evidence and still shown.
    assert role.title in client.get(page).content.decode()


def test_the_api_tells_no_more_than_the_pages_of_what_withheld_text_attests(seed, client):
    """An office attested only in a withheld passage is not among the person's offices, and a
    document attesting a contact only in a withheld passage is not among the contact's
    documents, through the API as on the pages."""
    from tests.api.conftest import get_json
    from tests.views import factories as make

    person = Person.objects.get(slug="saadoun-shaker")
    office = person.roles.create(title="Inspector of Archives")
    quote = "Saadoun Shaker served as Inspector of Archives."
    note = make.document("inspector-note", f"It is recorded that {quote} No more.")
    make.role_evidence(office, note, quote)
    event = ContactEvent.objects.filter(evidence__translation__document=seed).first()
    attested = "The delegation met again in the spring."
    minutes = make.document("spring-minutes", f"Minutes. {attested} End.")
    make.event_evidence(event, minutes, attested)

    def shown():
        offices = get_json(client, f"/api/persons/{person.slug}/")["offices"]
        documents = get_json(client, f"/api/events/{event.slug}/")["documents"]
        return {o["title"] for o in offices}, set(documents)

    offices, documents = shown()
    assert "Inspector of Archives" in offices and "spring-minutes" in documents
    restrict(note, quote)
    restrict(minutes, attested)
    offices, documents = shown()
    assert "Inspector of Archives" not in offices
    assert "spring-minutes" not in documents and seed.slug in documents
    # The pages agree.
    assert "Inspector of Archives" not in client.get(f"/persons/{person.slug}/").content.decode()
    assert "spring-minutes" not in client.get(f"/events/{event.slug}/").content.decode()
