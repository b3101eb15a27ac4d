"""Suggestions over the whole catalog (or some documents), with a progress bar."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tqdm import tqdm

from catalog.models import Document, Translation
from catalog.suggestions.scanner import ScanResult, SuggestionScanner
from catalog.suggestions.vocabulary import Vocabulary


class SuggestError(ValueError):
    """Input the run cannot act on; the message says which and why."""


class SuggestionRun:
    """Scan every text (or the texts of ``documents``, by slug) once, one automaton for all."""

    def __init__(self, documents: Sequence[str] = (), *, titles: bool = True, progress=None):
        self.slugs = [slug.strip() for slug in documents]
        self.titles = titles
        self.progress = sys.stderr.isatty() if progress is None else progress

    def texts(self):
        texts = Translation.objects.order_by("pk")
        if self.slugs:
            if any(not slug for slug in self.slugs):
                raise SuggestError("--document: an empty slug; give a document's slug.")
            found = dict(Document.objects.filter(slug__in=self.slugs).values_list("slug", "pk"))
            missing = [slug for slug in self.slugs if slug not in found]
            if missing:
                raise SuggestError(
                    f"--document: no document with the slug {', '.join(map(repr, missing))}"
                    " (the slug is the last part of its address: /documents/<slug>/)."
                )
            texts = texts.filter(document_id__in=found.values())
        return texts

    def run(self) -> ScanResult:
        texts = self.texts()
        scanner = SuggestionScanner(Vocabulary.from_catalog(), titles=self.titles)
        bar = tqdm(total=texts.count(), unit="text", disable=not self.progress, file=sys.stderr)
        with bar:
            for translation in texts.only("pk", "text").iterator(chunk_size=500):
                scanner.scan(translation)
                bar.update()
        return scanner.result
