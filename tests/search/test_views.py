"""The public document list at /documents/: search, highlights, facets, dates, drafts."""

import pytest
from django.urls import reverse

from catalog.models import Repository, Status
from tests.search import records

URL = reverse("catalog:documents")


def slugs(response) -> list[str]:
    return [document.slug for document in response.context["page"].object_list]


def facet(response, name: str) -> dict[str, int]:
    """The values a visitor is offered in a facet, with their counts."""
    (found,) = [f for f in response.context["facets"] if f.name == name]
    return {value.value: value.count for value in found.values}


def test_searching_for_a_name_shows_the_seed_memo_with_the_name_highlighted(client, seed):
    response = client.get(URL, {"q": "Saadoun Shaker"})
    assert response.status_code == 200
    assert slugs(response) == [seed.slug]
    html = response.content.decode()
    assert f'href="{seed.get_absolute_url()}"' in html
    assert "<mark>Saadoun</mark> <mark>Shaker</mark>" in html
    assert "1 document for" in html


def test_markup_in_a_document_text_is_shown_escaped_around_the_highlight(client, db):
    records.document(
        "script",
        "A report <b>bold</b>",
        'Before <script>alert("x")</script> the Kurdistan question.',
    )
    html = client.get(URL, {"q": "Kurdistan"}).content.decode()
    assert "<mark>Kurdistan</mark>" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "A report &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert" not in html and "<b>bold" not in html


@pytest.mark.parametrize(
    "q", ['"unbalanced', "NEAR(a b)", "x* OR -y", "(", "'; DROP TABLE x; --", "\x00", "a" * 2000]
)
def test_a_malformed_query_shows_a_page_not_an_error(client, seed, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert "Search the documents" in response.content.decode()


@pytest.fixture
def shelf(db):
    """Four published documents and a draft, with what the facets count."""
    bstu = Repository.objects.create(name="Stasi Records Archive", slug="bstu")
    mfs = records.agency("mfs", "Ministry for State Security")
    shaker = records.person("saadoun-shaker", "Saadoun Shaker")
    hidden = records.person("hidden-person", "Hidden Person", status=Status.DRAFT)
    memo = records.document(
        "memo-1975",
        "Memo on the Iraqi delegation",
        "The Iraqi delegation met the MfS in Berlin.",
        date="1975-08-29",
        classification="Top Secret",
        subjects=("Counterintelligence",),
        places=("Berlin",),
        reference="BStU, ZA, HA X 104, pp. 49-51",
        repository=bstu,
    )
    records.mention(memo, "MfS", mfs)
    records.mention(memo, "Iraqi delegation", shaker)
    records.attested_event(memo, "The Iraqi delegation met the MfS", "meeting", agency=mfs)
    report = records.document(
        "report-1982",
        "Report on the Iraqi training",
        "Training for Iraqi specialists.",
        date="1982-01~/1982-03~",
        text_language="de",
        subjects=("Counterintelligence",),
    )
    records.attested_event(
        report, "Training for Iraqi specialists", "technical_assistance", agency=mfs
    )
    records.document(
        "letter-1969",
        "Letter on Iraqi requests",
        "Iraqi requests since 1969.",
        date="1969/..",
        original="ar",
    )
    records.document("undated", "Undated Iraqi note", "An Iraqi note without date.")
    draft = records.document(
        "draft-iraqi",
        "Draft Iraqi memo",
        "Iraqi secret draft.",
        date="1979",
        classification="Draft Only",
        subjects=("Secret Subject",),
        status=Status.DRAFT,
    )
    records.mention(draft, "Iraqi", hidden)


def test_facets_count_the_documents_of_the_current_results(client, shelf):
    response = client.get(URL, {"q": "Iraqi"})
    assert sorted(slugs(response)) == ["letter-1969", "memo-1975", "report-1982", "undated"]
    assert facet(response, "language") == {"en": 3, "de": 3, "ar": 1}
    assert facet(response, "subject") == {"counterintelligence": 2}
    assert facet(response, "repository") == {"bstu": 1}
    assert facet(response, "agency") == {"mfs": 2}
    assert facet(response, "person") == {"saadoun-shaker": 1}
    assert facet(response, "classification") == {"Top Secret": 1}
    assert facet(response, "event_kind") == {"meeting": 1, "technical_assistance": 1}
    assert facet(response, "place") == {"berlin": 1}


def test_a_facet_narrows_the_results_and_the_other_facets_but_not_its_own(client, shelf):
    response = client.get(URL, {"q": "Iraqi", "subject": "counterintelligence"})
    assert sorted(slugs(response)) == ["memo-1975", "report-1982"]
    # The chosen facet still offers its alternatives; the others count what is left.
    assert facet(response, "subject") == {"counterintelligence": 2}
    assert facet(response, "language") == {"en": 1, "de": 2}
    response = client.get(URL, {"q": "Iraqi", "language": "ar"})
    assert slugs(response) == ["letter-1969"]
    assert facet(response, "language") == {"en": 3, "de": 3, "ar": 1}
    assert facet(response, "subject") == {}


def test_a_facet_link_leads_to_as_many_documents_as_it_counts(client, shelf):
    response = client.get(URL, {"q": "Iraqi"})
    for found in response.context["facets"]:
        for value in found.values:
            followed = client.get(URL + value.url)
            assert followed.context["total"] == value.count, (found.name, value.value)


def test_an_agency_attested_but_not_mentioned_is_a_facet_of_the_document(client, shelf):
    response = client.get(URL, {"agency": "mfs"})
    assert sorted(slugs(response)) == ["memo-1975", "report-1982"]


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ({"year_from": 1970, "year_to": 1971}, ["letter-1969"]),
        ({"year_from": 1975, "year_to": 1975}, ["letter-1969", "memo-1975"]),
        ({"year_from": 1982, "year_to": 1990}, ["letter-1969", "report-1982"]),
        ({"year_to": 1968}, []),
        ({"year_from": 1976}, ["letter-1969", "report-1982"]),
    ],
)
def test_a_date_range_finds_documents_whose_dates_overlap_it(client, shelf, years, expected):
    response = client.get(URL, years)
    assert sorted(slugs(response)) == expected


def test_decades_count_every_document_they_overlap(client, shelf):
    response = client.get(URL)
    decades = {(b.start, b.end): b.count for b in response.context["years"]}
    # 1969/.. runs on into every later decade; the undated note is in none.
    assert decades[(1960, 1969)] == 1
    assert decades[(1970, 1979)] == 2
    assert decades[(1980, 1989)] == 2


def test_a_year_out_of_range_is_reported_and_left_out(client, shelf):
    response = client.get(URL, {"year_from": "abc", "year_to": "1971"})
    assert response.status_code == 200
    assert sorted(slugs(response)) == ["letter-1969"]
    assert "From year: Enter a whole number." in response.content.decode()


def test_an_unpublished_document_appears_nowhere_for_a_visitor(client, shelf):
    response = client.get(URL, {"q": "Iraqi"})
    html = response.content.decode()
    assert "draft-iraqi" not in slugs(response)
    assert response.context["total"] == 4
    assert "Draft Iraqi memo" not in html and "Secret Subject" not in html
    assert "Draft Only" not in html and "Hidden Person" not in html
    assert client.get(URL, {"q": "secret draft"}).context["total"] == 0
    assert client.get(URL, {"subject": "secret-subject"}).context["total"] == 0
    csv = b"".join(client.get(URL, {"q": "Iraqi", "format": "csv"}).streaming_content)
    assert b"Draft Iraqi memo" not in csv


def test_a_draft_person_cannot_be_chosen_as_a_facet(client, shelf):
    response = client.get(URL, {"person": "hidden-person"})
    assert response.context["total"] == 5 - 1  # the filter is dropped, not applied
    assert "Select a valid choice" in response.content.decode()


def test_staff_see_drafts_in_results_and_counts(admin_client, shelf):
    response = admin_client.get(URL, {"q": "Iraqi"})
    assert "draft-iraqi" in slugs(response)
    assert facet(response, "classification") == {"Top Secret": 1, "Draft Only": 1}
    assert "Draft</span>" in response.content.decode()


def test_relevance_is_the_default_order_when_searching_and_date_otherwise(client, shelf):
    assert client.get(URL, {"q": "Iraqi"}).context["sort"] == "relevance"
    response = client.get(URL)
    assert response.context["sort"] == "date"
    assert slugs(response) == ["letter-1969", "memo-1975", "report-1982", "undated"]
    response = client.get(URL, {"sort": "-date"})
    assert slugs(response) == ["report-1982", "memo-1975", "letter-1969", "undated"]
    # Relevance needs something to be relevant to.
    assert client.get(URL, {"sort": "relevance"}).context["sort"] == "date"


def test_facet_counts_and_the_total_are_worded_for_display(client, shelf):
    response = client.get(URL, {"q": "Iraqi"})
    assert response.context["total"] == 4
    assert response.context["total_display"] == "4"
    assert response.context["total_is_estimate"] is False
    (language,) = [f for f in response.context["facets"] if f.name == "language"]
    assert {v.value: v.count_display for v in language.values} == {"en": "3", "de": "3", "ar": "1"}
    assert language.has_more is False


def test_a_facet_with_more_values_than_it_shows_says_so(client, shelf, monkeypatch):
    from catalog.search import facets

    monkeypatch.setattr(facets, "FACET_SIZE", 2)
    response = client.get(URL, {"q": "Iraqi"})
    (language,) = [f for f in response.context["facets"] if f.name == "language"]
    assert {v.value for v in language.values} == {"de", "en"}
    assert language.has_more is True


def test_the_values_beyond_the_first_few_are_under_show_more(client, shelf, monkeypatch):
    """Every value counted is on the page: the first FACET_SHOWN, then the others under
    "Show more", even when there are no more than the facet counts."""
    from catalog.views import search

    monkeypatch.setattr(search, "FACET_SHOWN", 1)
    response = client.get(URL, {"q": "Iraqi"})
    (counted,) = [f for f in response.context["facets"] if f.name == "language"]
    assert len(counted.values) > 1 and not counted.has_more
    html = response.content.decode()
    language = html[html.index('class="facet facet-language"') :]
    language = language[: language.index("</section>")]
    head, tail = language.split('<details class="facet-more">')
    assert head.count("<li") == 1 and tail.count("<li") == len(counted.values) - 1
    assert "Show more" in tail
    assert all(f">{value.label}</a>" in language for value in counted.values)


def test_an_approximate_count_is_worded_as_such():
    from catalog.search.facets import count_display

    assert count_display(18000, approximate=True) == "about 18,000"
    assert count_display(1204) == "1,204"


def test_a_result_shows_its_date_classification_and_archive_each_as_a_field(client, shelf):
    html = client.get(URL, {"q": "delegation"}).content.decode()
    assert '<div class="result-date"><dt>Date</dt><dd>29 August 1975</dd></div>' in html
    assert "<dt>Classification</dt><dd>Top Secret</dd>" in html
    assert "<dt>Archive</dt><dd>BStU, ZA, HA X 104, pp. 49-51</dd>" in html
    assert "<mark>delegation</mark>" in html


def test_active_filters_are_chips_that_remove_them(client, shelf):
    response = client.get(
        URL, {"q": "Iraqi", "subject": "counterintelligence", "year_from": "1970"}
    )
    html = response.content.decode()
    assert "Subject:</span> Counterintelligence" in html
    assert 'href="?q=Iraqi&amp;year_from=1970"' in html  # the subject removed
    assert "Date:</span> from 1970" in html
    assert 'href="?q=Iraqi&amp;subject=counterintelligence"' in html  # the years removed
    assert "Remove all filters" in html
    # One search box on the page: the header's is left out here.
    assert html.count('type="search"') == 1


def no_results(client, params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200 and response.context["total"] == 0
    html = response.content.decode()
    # Nothing of an empty list: no date spans, sort links, CSV link or facets.
    for absent in ("<h2>Date</h2>", "Sort by", "Download this list as CSV", 'class="facet '):
        assert absent not in html
    return html


@pytest.mark.parametrize("q", ["AND", "(", "-- OR --"])
def test_a_query_without_words_says_so(client, shelf, q):
    assert "Your search has no words to look for" in no_results(client, {"q": q})


def test_the_words_no_document_contains_are_named(client, shelf):
    html = no_results(client, {"q": 'Iraqi Zanzibar "Berlin wall"'})
    assert 'No document contains <q class="unmatched">zanzibar</q> or <q class="unmatched">' in html
    assert "berlin wall" in html and '<q class="unmatched">iraqi</q>' not in html


def test_a_word_only_a_draft_contains_is_named_as_found_nowhere(client, shelf):
    html = no_results(client, {"q": "secret delegation"})
    assert '<q class="unmatched">secret</q>' in html


def test_words_found_apart_but_not_together_say_so(client, shelf):
    html = no_results(client, {"q": "delegation training"})
    assert "Each of your words and phrases is found in some document" in html


def test_a_filter_that_leaves_nothing_is_offered_for_removal(client, shelf):
    html = no_results(client, {"q": "training", "subject": "counterintelligence", "language": "ar"})
    assert "with these filters" in html
    assert '<a href="?q=training&amp;subject=counterintelligence">Language: Arabic</a>' in html
    assert '<a href="?q=training">all of them</a>' in html
