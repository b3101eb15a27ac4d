"""A published-only export reads the withheld view, as every public output does.

``--published-only`` folders are for public data dumps, so what a restriction withholds
today (``catalog.restrictions.withheld``) is in none of their files:

- withheld documents and persons are left out, with their texts, references, names, offices,
  scanned pages and the mentions, evidence and participations that name them; so are
  withheld pages of scans, with their image files and their spans in texts;
- a text reads as the public reads it: withheld passages as the placeholder of fixed form,
  a withheld text as the placeholder alone;
- mentions and evidence inside withheld text are left out; the others are moved to where
  their quote stands in the withheld text.

The restrictions themselves are staff only (``schema.STAFF_ONLY``). The full export, for
staff, is unchanged. With no restriction in force nothing here costs a query.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import Q

from catalog.restrictions import withheld

#: For each file: the paths of its rows' document and person, if any.
DOCUMENT_PATHS = {
    "documents": "pk",
    "translations": "document_id",
    "archival_references": "document_id",
    "scans": "document_id",
    "text_pages": "translation__document_id",
    "role_evidence": "translation__document_id",
    "event_evidence": "translation__document_id",
    "mentions": "translation__document_id",
}
PERSON_PATHS = {
    "persons": "pk",
    "person_names": "person_id",
    "roles": "person_id",
    "role_evidence": "role__person_id",
    "participants": "person_id",
    "mentions": "person_id",
}
PASSAGES = ("role_evidence", "event_evidence", "mentions")


class PublicView:
    """What a published-only export leaves out and rewrites, row by row."""

    def __init__(self, view: withheld.Withheld | None = None):
        self.view = view if view is not None else withheld.build()

    @property
    def empty(self) -> bool:
        return self.view.empty

    def exclusion(self, record) -> Q | None:
        """The rows of ``record`` left out whole, or None."""
        q = Q()
        if record.name in DOCUMENT_PATHS and self.view.documents:
            q |= Q(**{f"{DOCUMENT_PATHS[record.name]}__in": list(self.view.documents)})
        if record.name in PERSON_PATHS and self.view.persons:
            q |= Q(**{f"{PERSON_PATHS[record.name]}__in": list(self.view.persons)})
        if record.name == "scans" and self.view.scan_pages:
            q |= Q(pk__in=list(self.view.scan_pages))
        if record.name == "text_pages" and self.view.scan_pages:
            q |= Q(scan_page_id__in=list(self.view.scan_pages))
        return q or None

    def extra_paths(self, record) -> list[str]:
        """Values selected after the columns, for ``rewrite``."""
        if record.name == "translations":
            return ["pk", "document_id"]
        if record.name in PASSAGES or record.name == "text_pages":
            return ["translation_id", "translation__document_id", "translation__text"]
        return []

    def rewrite(self, record, cells: dict, extra: tuple) -> dict | None:
        """The row as the public may read it; None to leave it out."""
        if record.name == "translations":
            pk, document_id = extra
            text = SimpleNamespace(pk=pk, document_id=document_id, text=cells["text"])
            cells["text"] = self.view.redact(text).text
        elif record.name in PASSAGES:
            translation_id, document_id, text = extra
            start, end = int(cells["start"]), int(cells["end"])
            if self.view.hides_passage(translation_id, start, end, document_id):
                return None
            shown = self.view.redact(
                SimpleNamespace(pk=translation_id, document_id=document_id, text=text)
            )
            cells["start"], cells["end"] = shown.moved(start), shown.moved(end)
        elif record.name == "text_pages":
            # A page's span in the text as the public reads it; none in a text withheld whole.
            translation_id, document_id, text = extra
            if self.view.hides_text(translation_id, document_id):
                return None
            shown = self.view.redact(
                SimpleNamespace(pk=translation_id, document_id=document_id, text=text)
            )
            length = len(shown.text)
            start, end = (min(shown.moved(int(cells[k])), length) for k in ("start", "end"))
            cells["start"], cells["end"] = start, max(start, end)
        return cells
