"""The document text as HTML: escaped throughout, mentions linked, passages anchored."""

from catalog.views.annotated_text import Span, paragraphs, render


def mention(text: str, quote: str, href: str | None = "/x/") -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), "mention", href, "person")


def passage(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), "passage")


def test_paragraphs_are_separated_by_blank_lines():
    text = "One.\n\n  \nTwo,\nstill two.\n\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two,\nstill two."]


def test_text_is_escaped_between_and_inside_the_spans():
    text = "A <b>&</b> met <i>Bob</i>."
    html = render(text, [mention(text, "<i>Bob</i>")], [])
    assert html == (
        "<p>A &lt;b&gt;&amp;&lt;/b&gt; met "
        '<a class="mention person" href="/x/">&lt;i&gt;Bob&lt;/i&gt;</a>.</p>'
    )


def test_line_breaks_within_a_paragraph_are_kept():
    assert render("Berlin,\n27 February", [], []) == "<p>Berlin,<br>\n27 February</p>"


def test_a_mention_of_an_unpublished_record_is_plain_text():
    text = "Mielke met Neiber."
    html = render(text, [mention(text, "Neiber", href=None)], [])
    assert html == "<p>Mielke met Neiber.</p>"


def test_mentions_nest_inside_passages_and_passages_inside_passages():
    text = "Before. Scholz saw Shaker, the then head, in transit. After."
    html = render(
        text,
        [mention(text, "Shaker")],
        [passage(text, "Scholz saw Shaker, the then head, in transit."),
         passage(text, "the then head")],
    )  # fmt: skip
    start, inner = text.index("Scholz"), text.index("the then")
    assert html == (
        f'<p>Before. <span class="passage" id="p-{start}">Scholz saw '
        '<a class="mention person" href="/x/">Shaker</a>, '
        f'<span class="passage" id="p-{inner}">the then head</span>, in transit.</span> '
        "After.</p>"
    )


def test_overlapping_and_nested_mentions_are_skipped_not_garbled():
    text = "The Iraqi Ministry of the Interior met."
    html = render(
        text,
        [mention(text, "Iraqi Ministry"), mention(text, "Ministry of the Interior"),
         mention(text, "Ministry")],
        [],
    )  # fmt: skip
    assert html == (
        '<p>The <a class="mention person" href="/x/">Iraqi Ministry</a> of the Interior met.</p>'
    )


def test_a_passage_that_cannot_nest_keeps_an_anchor_where_it_begins():
    text = "One two three.\n\nFour five."
    crossing = passage(text, "three.\n\nFour")
    overlapping = passage(text, "two three")
    html = render(text, [mention(text, "One two")], [crossing, overlapping])
    assert f'<span class="passage-anchor" id="p-{crossing.start}"></span>' in html
    assert f'id="p-{overlapping.start}"' in html
    assert html.count("<p>") == 2 and html.count("</a>") == 1


def test_spans_outside_the_text_are_ignored():
    text = "Short."
    assert render(text, [Span(3, 99, "mention", "/x/")], [Span(5, 2, "passage")]) == (
        "<p>Short.</p>"
    )
