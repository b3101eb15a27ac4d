"""Finding a quoted passage in a text, as an archivist quotes it.

Archivists copy a quote from the text rather than count characters, and a copy
often differs from the text in its line breaks or spacing. A quote is found
with any run of whitespace standing for any other; the span found is what the
text itself reads.
"""

import re


class QuoteNotFound(ValueError):
    """The quote is not in the text; the message says so."""


class OccurrenceNotFound(QuoteNotFound):
    """The quote is in the text, but not as often as asked."""


def _pattern(words: list[str]) -> re.Pattern:
    """The quote's words, any run of whitespace standing for any other."""
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def locate_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """The (start, end) of the ``occurrence``-th appearance of ``quote`` in ``text``."""
    words = quote.split()
    if not words:
        raise QuoteNotFound("The quote is empty.")
    matches = list(_pattern(words).finditer(text))
    if not matches:
        raise QuoteNotFound(
            f"“{quote.strip()}” does not occur in the text. Copy it from the text exactly, "
            "with its punctuation and capitals."
        )
    if occurrence > len(matches):
        times = "once" if len(matches) == 1 else f"{len(matches)} times"
        raise OccurrenceNotFound(
            f"“{quote.strip()}” occurs only {times} in the text, not {occurrence} times."
        )
    match = matches[occurrence - 1]
    return match.start(), match.end()


def occurrence_of(text: str, quote: str, start: int) -> int:
    """Which appearance of ``quote`` (1 for the first) begins at ``start``."""
    words = quote.split()
    if not words:
        return 1
    return 1 + sum(1 for match in _pattern(words).finditer(text) if match.start() < start)


def occurrences_in_context(text: str, quote: str, context: int = 40) -> list[str]:
    """Each appearance of ``quote``, in brackets, with the whole words within ``context``
    characters either side: "…the Interior in October 1969. [Mielke] promised help."."""
    words = quote.split()
    if not words:
        return []
    shown = []
    for match in _pattern(words).finditer(text):
        before = text[max(0, match.start() - context) : match.start()].split()
        after = text[match.end() : match.end() + context].split()
        lead = tail = ""
        if match.start() > context:
            before, lead = before[1:], "…"
        if match.end() + context < len(text):
            after, tail = after[:-1], "…"
        shown.append(f"{lead}{' '.join(before)} [{match.group()}] {' '.join(after)}{tail}".strip())
    return shown
