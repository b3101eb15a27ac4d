"""A document's text as HTML, with its mentions as links and its evidence as anchors.

The text is never trusted: every character of it is escaped, segment by segment,
between the tags this module writes itself. Spans are nested into a tree; a span
that would cross another span or a paragraph break cannot be nested, so it is
dropped (a mention) or kept as a bare anchor at its start (a passage), so that
links to the passage still land where it begins.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from catalog.models.base import passage_anchor

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass
class Span:
    """A span to mark up: a mention (``href`` or None when not linkable) or a passage."""

    start: int
    end: int
    kind: str  # "passage", "mention", "withheld" (a placeholder; ``css`` holds its title)
    # or "page": where a scanned page begins (empty; ``anchor`` is the page, ``css`` its label)
    href: str | None = None
    css: str = ""
    anchor: int | None = None  # a passage's start in the full text, when the text is redacted
    children: list["Span"] = field(default_factory=list)


def render(
    text: str,
    mentions: list[Span],
    passages: list[Span],
    withheld: list[Span] = (),
    text_key: str | int = "",
) -> SafeString:
    """``text`` as paragraphs of escaped HTML, with ``mentions`` and ``passages`` marked, and
    the placeholders of ``withheld`` content styled as such. ``text_key`` (the text's slug)
    is part of each passage's id (``passage_anchor``), unique among a document's texts."""
    html = []
    anchored: set[int] = set()
    spans = _clean_spans(text, mentions, [*withheld, *passages])
    for para_start, para_end in paragraphs(text):
        inside = [s for s in spans if para_start <= s.start < para_end]
        root = Span(para_start, para_end, "paragraph")
        _nest(root, inside, anchored)
        html.append(f"<p>{_render_children(text, root, text_key)}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every text segment is escaped above


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between blank lines."""
    result, position = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        result.append((position, match.start()))
        position = match.end()
    result.append((position, len(text)))
    return [(s, e) for s, e in result if text[s:e].strip()]


def _clean_spans(text: str, mentions: list[Span], passages: list[Span]) -> list[Span]:
    """Drop spans outside the text and duplicates; passages sort before the mentions
    they share a span with, so that the passage is the outer element."""
    seen, result = set(), []
    for span in [*passages, *mentions]:
        key = (span.start, span.end, span.kind)
        empty_allowed = span.kind == "page" and span.start == span.end
        if not (0 <= span.start < span.end <= len(text) or empty_allowed) or key in seen:
            continue
        seen.add(key)
        result.append(span)
    result.sort(key=lambda s: (s.start, -s.end, s.kind != "passage"))
    return result


def _nest(root: Span, spans: list[Span], anchored: set[int]) -> None:
    stack = [root]
    for span in spans:
        span.children = []
        while span.start >= stack[-1].end:
            stack.pop()
        parent = stack[-1]
        if span.kind == "page" and parent.kind == "mention":
            # A page that begins inside a name is marked just before it.
            owner = stack[-2]
            moved = Span(parent.start, parent.start, "page", css=span.css, anchor=span.anchor)
            owner.children.insert(owner.children.index(parent), moved)
            continue
        fits = span.end <= parent.end and parent.kind != "mention"
        if span.kind == "passage" and _anchor(span) in anchored:
            fits = False  # one anchor per start: ids are unique in a page
        if fits:
            parent.children.append(span)
            if span.kind != "page":
                stack.append(span)
            if span.kind == "passage":
                anchored.add(_anchor(span))
        elif span.kind == "passage" and _anchor(span) not in anchored:
            # Cannot wrap it: keep an empty anchor where it begins.
            parent.children.append(Span(span.start, span.start, "anchor", anchor=_anchor(span)))
            anchored.add(_anchor(span))


def _anchor_id(span: Span, key: str | int) -> str:
    return escape(passage_anchor(_anchor(span), key))


def _render_children(text: str, node: Span, key: str | int) -> str:
    parts, position = [], node.start
    for child in node.children:
        parts.append(_escape(text[position : child.start]))
        parts.append(_render_span(text, child, key))
        position = child.end
    parts.append(_escape(text[position : node.end]))
    return "".join(parts)


def _render_span(text: str, span: Span, key: str | int) -> str:
    inner = _render_children(text, span, key)
    if span.kind == "anchor":
        return f'<span class="passage-anchor" id="{_anchor_id(span, key)}"></span>'
    if span.kind == "passage":
        return f'<span class="passage" id="{_anchor_id(span, key)}">{inner}</span>'
    if span.kind == "page":
        return (
            f'<a class="page-break" href="#scans" data-scan-page="{span.anchor}">'
            f'<span class="visually-hidden">Scan page </span>{escape(span.css)}</a>'
        )
    if span.kind == "withheld":
        return f'<span class="withheld" title="{escape(span.css)}">{inner}</span>'
    if span.href is None:
        return inner
    return f'<a class="mention {escape(span.css)}" href="{escape(span.href)}">{inner}</a>'


def _anchor(span: Span) -> int:
    return span.start if span.anchor is None else span.anchor


def _escape(segment: str) -> str:
    return escape(segment).replace("\n", "<br>\n")
