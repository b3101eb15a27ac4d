"""Spelling suggestions from the catalog's own words (catalog.search.vocabulary),
on the page of a search that finds nothing."""

from collections import Counter

import pytest
from django.urls import reverse

from catalog.models import SearchWord, Status
from catalog.search import rebuild, vocabulary
from tests.search import records

URL = reverse("catalog:documents")


def known() -> dict[str, int]:
    return dict(SearchWord.objects.values_list("word", "documents"))


@pytest.fixture
def memos(db):
    """Two published memos naming Saadoun Shaker and al-Dourí, and a draft."""
    shaker = records.person("saadoun-shaker", "Saadoun Shaker")
    memo = records.document(
        "memo-1986",
        "Memo on the talks with Saadoun Shaker",
        "Saadoun Shaker met Izzat Ibrahim al-Dourí and the MfS delegation in Berlin.",
        subjects=("Counterintelligence",),
    )
    records.mention(memo, "Saadoun Shaker", shaker)
    records.document("memo-1987", "Second memo", "Saadoun travelled to Baghdad.")
    records.document(
        "draft-1988",
        "Draft on Zanzibar",
        "Kalashnikovs for Zanzibar.",
        status=Status.DRAFT,
    )
    return memo


def suggestion(client, params: dict) -> str:
    """The page's 'Did you mean' line, or '' when it has none."""
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["total"] == 0
    html = response.content.decode()
    start = html.find('<li class="suggestion">')
    return "" if start < 0 else html[start : html.index("</li>", start) + len("</li>")]


def test_the_vocabulary_counts_the_published_documents_that_have_each_word(memos):
    words = known()
    assert words["saadoun"] == 2 and words["berlin"] == 1
    assert words["douri"] == 1  # folded as the index folds it
    assert "zanzibar" not in words and "kalashnikovs" not in words  # the draft's


def test_publishing_unpublishing_and_deleting_count_words_up_and_down(memos):
    draft = records.Document.objects.get(slug="draft-1988")
    draft.status = Status.PUBLISHED
    draft.save()
    assert known()["zanzibar"] == 1
    memos.status = Status.DRAFT
    memos.save()
    assert known()["saadoun"] == 1 and "berlin" not in known()
    records.Document.objects.get(slug="memo-1987").delete()
    assert "saadoun" not in known() and "baghdad" not in known()
    incremental = known()
    rebuild()
    assert known() == incremental


def test_nearest_word_ties_go_to_the_word_more_documents_have(db):
    vocabulary.count(Counter({"saadoun": 3, "sadoon": 1, "sadiq": 7}))
    assert vocabulary.suggestions(["sadoun"]) == {"sadoun": "saadoun"}
    vocabulary.count(Counter({"sadoon": 5}))
    assert vocabulary.suggestions(["sadoun"]) == {"sadoun": "sadoon"}
    # Known words, words too far off, words too short and numbers get none.
    vocabulary.count(Counter({"1986a": 1}))
    assert vocabulary.suggestions(["saadoun", "zanzibar", "sa", "19866"]) == {}


def test_a_misspelt_word_is_offered_respelt_as_a_link(client, memos):
    line = suggestion(client, {"q": "Sadoun"})
    assert line == (
        '<li class="suggestion">Did you mean '
        '<a href="?q=Saadoun"><strong>Saadoun</strong></a>?</li>'
    )
    followed = client.get(URL + "?q=Saadoun")
    assert {d.slug for d in followed.context["page"].object_list} == {"memo-1986", "memo-1987"}


def test_two_misspelt_words_are_respelt_in_one_query_that_keeps_the_filters(client, memos):
    line = suggestion(client, {"q": "Sadoun Shakr Berlin", "subject": "counterintelligence"})
    assert (
        '<a href="?subject=counterintelligence&amp;q=Saadoun+Shaker+Berlin">'
        "<strong>Saadoun</strong> <strong>Shaker</strong> Berlin</a>"
    ) in line
    followed = client.get(URL, {"q": "Saadoun Shaker Berlin", "subject": "counterintelligence"})
    assert [d.slug for d in followed.context["page"].object_list] == ["memo-1986"]


def test_case_and_diacritics_are_folded_and_the_typed_case_kept(client, memos):
    assert "<strong>DOURI</strong>" in suggestion(client, {"q": "DOURY"})
    assert "<strong>Saadoun</strong>" in suggestion(client, {"q": "Saadóon"})


def test_correct_words_found_apart_get_no_suggestion(client, memos):
    assert suggestion(client, {"q": "Baghdad Berlin"}) == ""


def test_no_suggestion_for_a_word_far_from_every_word(client, memos):
    assert suggestion(client, {"q": "Moscow"}) == ""


def test_a_word_only_a_draft_has_is_never_suggested(client, memos):
    assert suggestion(client, {"q": "Zanzibr"}) == ""
    assert suggestion(client, {"q": "Kalashnikov"}) == ""
    # Published, it is.
    draft = records.Document.objects.get(slug="draft-1988")
    draft.status = Status.PUBLISHED
    draft.save()
    assert "<strong>Zanzibar</strong>" in suggestion(client, {"q": "Zanzibr"})
