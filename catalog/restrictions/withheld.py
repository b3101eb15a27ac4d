"""The withheld view: what the public may read of the catalog today.

Every public output (pages, search index and snippets, CSV, feed, sitemap, citations,
JSON-LD, API, OAI-PMH, EAD, EAC-CPF, spelling suggestions) asks one ``Withheld`` what to
leave out, so that no output can forget a rule of its own:

- a **document** under restriction is left out whole (its page answers 451, Unavailable For
  Legal Reasons, with the placeholder; lists, search and harvests do not show it);
- a **text** under restriction reads as the placeholder alone;
- a **draft text** (a machine-read transcript not yet corrected) is not public at all: every
  output leaves it out, and a mention or evidence in it attests nothing publicly (``drafts``);
- a **passage** reads as the placeholder, of fixed form whatever its length, so that its
  length gives nothing away: "[personal data withheld until 2031]";
- a **person** under restriction is left out whole, and every passage that mentions them is
  withheld like a restricted passage;
- a person whose every mention lies in what is withheld is left out too (they "appear only
  there"); mentions and evidence that fall inside withheld text are hidden with it;
- a contact event is left out whole when all its evidence lies in withheld text, or when
  its title names a withheld person taking part in it; elsewhere a withheld participant is
  simply not listed.

A restriction applies while ``lifts_on`` is empty or later than today: it lifts by itself at
request time. ``current()`` builds the view once per catalog version and day (a handful of
queries, then none) and keeps it on the request.
"""

import bisect
import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache
from django.db.models import CharField, DateField, F, IntegerField, Q, Value
from django.utils import timezone

PLACEHOLDER = "[personal data withheld until {year}]"
PLACEHOLDER_UNDATED = "[personal data withheld]"
DRAFT_SCOPE = "draft text"  # the draft texts' rows in the one query of ``build``
VISIBLE = object()  # what ``Withheld.withholding`` answers for a passage nothing withholds


def placeholder(lifts_on: datetime.date | None) -> str:
    """The fixed form that stands for withheld content."""
    return PLACEHOLDER.format(year=lifts_on.year) if lifts_on else PLACEHOLDER_UNDATED


def today() -> datetime.date:
    return timezone.localdate()


def active_q(day: datetime.date | None = None) -> Q:
    """Restrictions that apply on ``day`` (today by default)."""
    return Q(lifts_on__isnull=True) | Q(lifts_on__gt=day or today())


def _later(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    """The later of two lift days, None (until removed) being the latest."""
    if a is None or b is None:
        return None
    return max(a, b)


@dataclass
class Redacted:
    """A text as the public reads it, with a map from offsets in the full text to offsets in
    the withheld one (for the mentions and passages that stay visible)."""

    text: str
    # (start in the full text, shift to add) at each point the offsets move
    _starts: list[int] = field(default_factory=list)
    _shifts: list[int] = field(default_factory=list)
    _spans: list[tuple[int, int]] = field(default_factory=list)

    def moved(self, offset: int) -> int:
        """Where ``offset`` of the full text (outside any withheld span) is in ``text``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return offset + (self._shifts[index] if index >= 0 else 0)

    def hides(self, start: int, end: int) -> bool:
        """Does the span [start, end) of the full text touch withheld content?"""
        return any(s < end and start < e for s, e in self._spans)

    @property
    def withheld(self) -> bool:
        return bool(self._spans)


@dataclass
class Withheld:
    day: datetime.date
    documents: dict[int, datetime.date | None] = field(default_factory=dict)
    texts: dict[int, datetime.date | None] = field(default_factory=dict)
    # translation id -> sorted, merged (start, end, lifts_on)
    spans: dict[int, list[tuple[int, int, datetime.date | None]]] = field(default_factory=dict)
    persons: dict[int, datetime.date | None] = field(default_factory=dict)
    events: dict[int, datetime.date | None] = field(default_factory=dict)
    scan_pages: dict[int, datetime.date | None] = field(default_factory=dict)
    # draft text id -> its document id: not public, and what it says attests nothing
    drafts: dict[int, int] = field(default_factory=dict)

    @cached_property
    def shape(self) -> tuple:
        """What of the view shapes a condition built from it (its ids and spans), hashable:
        SQL compiled once and kept (``search.facets``) is kept per shape, so that a
        restriction placed or lifted is in the next statement."""

        def ids(mapping) -> tuple:
            return tuple(sorted(mapping))

        spans = tuple(
            (text, tuple((start, end) for start, end, _ in ranges))
            for text, ranges in sorted(self.spans.items())
        )
        return (
            ids(self.documents),
            ids(self.texts),
            spans,
            ids(self.persons),
            ids(self.events),
            ids(self.scan_pages),
            ids(self.drafts),
        )

    @property
    def empty(self) -> bool:
        return not (
            self.documents
            or self.texts
            or self.spans
            or self.persons
            or self.events
            or self.scan_pages
            or self.drafts
        )

    @property
    def touches_texts(self) -> bool:
        """Is anything in any text left out (a withheld text, passage or a draft)?"""
        return bool(self.texts or self.spans or self.drafts or self.documents)

    # --- what is left out whole -------------------------------------------------------
    def hides_document(self, document_id: int) -> bool:
        return document_id in self.documents

    def hides_person(self, person_id: int | None) -> bool:
        return person_id is not None and person_id in self.persons

    def hides_event(self, event_id: int | None) -> bool:
        return event_id is not None and event_id in self.events

    def hides_text(self, translation_id: int, document_id: int | None = None) -> bool:
        return (
            translation_id in self.texts
            or translation_id in self.drafts
            or (document_id is not None and document_id in self.documents)
        )

    def hides_scan_page(self, scan_page_id: int, document_id: int | None = None) -> bool:
        """Is the scanned page withheld, itself or with its document?"""
        return scan_page_id in self.scan_pages or (
            document_id is not None and document_id in self.documents
        )

    def document_placeholder(self, document_id: int) -> str:
        return placeholder(self.documents[document_id])

    def person_placeholder(self, person_id: int) -> str:
        return placeholder(self.persons[person_id])

    # --- texts --------------------------------------------------------------------------
    def redact(self, translation) -> Redacted:
        """``translation``'s text as the public reads it."""
        text = translation.text or ""
        if self.hides_text(translation.pk, translation.document_id):
            lifts = self.texts.get(translation.pk, self.documents.get(translation.document_id))
            marker = placeholder(lifts)
            return Redacted(marker, [0], [0], [(0, max(len(text), 1))])
        spans = self.spans.get(translation.pk)
        if not spans:
            return Redacted(text)
        pieces, starts, shifts, kept = [], [], [], []
        position, shift = 0, 0
        for start, end, lifts in spans:
            marker = placeholder(lifts)
            pieces.append(text[position:start])
            pieces.append(marker)
            shift += len(marker) - (end - start)
            starts.append(end)
            shifts.append(shift)
            kept.append((start, end))
            position = end
        pieces.append(text[position:])
        return Redacted("".join(pieces), starts, shifts, kept)

    def withholding(self, translation_id: int, start: int, end: int, document_id=None):
        """The lift day of what withholds the passage [start, end) of a text (None: until
        removed), or ``VISIBLE`` when nothing does. Give ``document_id`` (the text's
        document) wherever it is known: a withheld document withholds all its texts."""
        if translation_id in self.texts:
            return self.texts[translation_id]
        if document_id is not None and document_id in self.documents:
            return self.documents[document_id]
        for s, e, day in self.spans.get(translation_id, ()):
            if s < end and start < e:
                return day
        return VISIBLE

    def hides_passage(self, translation_id: int, start: int, end: int, document_id=None) -> bool:
        """Does the passage (a mention, evidence, a quote) touch withheld content, or stand
        in a draft text?"""
        if translation_id in self.drafts:
            return True
        return self.withholding(translation_id, start, end, document_id) is not VISIBLE


def build(day: datetime.date | None = None) -> Withheld:
    """The withheld view on ``day`` (today), read from the database."""
    from catalog.models import Mention
    from catalog.models.restrictions import Restriction
    from catalog.views import statements

    day = day or today()
    view = Withheld(day)
    Scope = Restriction.Scope
    # Compiled once per connection: only the day changes (catalog.views.statements).
    rows = statements.rows(("withheld view",), _restrictions_and_drafts, day)
    view.drafts = {
        translation_id: document_id
        for scope, document_id, translation_id, *_ in rows
        if scope == DRAFT_SCOPE
    }
    rows = [row for row in rows if row[0] != DRAFT_SCOPE]
    if not rows:
        return view
    raw_spans: dict[int, list[tuple[int, int, datetime.date | None]]] = {}
    for scope, document_id, translation_id, start, end, person_id, scan_page_id, lifts in rows:
        if scope == Scope.DOCUMENT and document_id is not None:
            view.documents[document_id] = _merge_day(view.documents, document_id, lifts)
        elif scope == Scope.TEXT and translation_id is not None:
            view.texts[translation_id] = _merge_day(view.texts, translation_id, lifts)
        elif scope == Scope.PASSAGE and translation_id is not None and start is not None:
            raw_spans.setdefault(translation_id, []).append((start, end, lifts))
        elif scope == Scope.PERSON and person_id is not None:
            view.persons[person_id] = _merge_day(view.persons, person_id, lifts)
        elif scope == Scope.SCAN_PAGE and scan_page_id is not None:
            view.scan_pages[scan_page_id] = _merge_day(view.scan_pages, scan_page_id, lifts)
    if view.persons:
        # Wherever a withheld person is named, the name is withheld too.
        named = Mention.objects.filter(person_id__in=list(view.persons)).values_list(
            "translation_id", "start", "end", "person_id"
        )
        for translation_id, start, end, person_id in named:
            raw_spans.setdefault(translation_id, []).append((start, end, view.persons[person_id]))
    view.spans = {tid: _merged(spans) for tid, spans in raw_spans.items()}
    _hide_persons_only_in_withheld(view)
    _hide_events(view)
    return view


def _restrictions_and_drafts(day: datetime.date):
    """The restrictions active on ``day`` and the draft texts, in one statement: the draft
    texts as rows of their own scope."""
    from catalog.models import Translation
    from catalog.models.base import Status
    from catalog.models.restrictions import Restriction

    columns = ("scope", "document_id", "translation_id", "start", "end", "person_id")
    columns += ("scan_page_id", "lifts_on")
    restrictions = Restriction.objects.filter(active_q(day)).order_by().values_list(*columns)
    nothing = {"start": IntegerField(), "end": IntegerField(), "person_id": IntegerField()}
    nothing |= {"scan_page_id": IntegerField(), "lifts_on": DateField()}
    # "Not published" as two ranges of the status index, which the database seeks, rather
    # than ``exclude`` (``NOT status = 'published'``), which reads every text's entry.
    unpublished = Q(status__lt=Status.PUBLISHED) | Q(status__gt=Status.PUBLISHED)
    drafts = (
        Translation.objects.filter(unpublished)
        .order_by()
        .annotate(
            draft_scope=Value(DRAFT_SCOPE, output_field=CharField()),
            draft_document=F("document_id"),
            draft_text=F("pk"),
            **{f"draft_{name}": Value(None, output_field=kind) for name, kind in nothing.items()},
        )
        .values_list(
            "draft_scope",
            "draft_document",
            "draft_text",
            *(f"draft_{name}" for name in nothing),
        )
    )
    return restrictions.union(drafts, all=True)


def _merge_day(mapping, key, lifts):
    return _later(mapping[key], lifts) if key in mapping else lifts


def _merged(spans):
    """Overlapping or touching spans as one, lifting on the later of their days."""
    result: list[tuple[int, int, datetime.date | None]] = []
    for start, end, lifts in sorted(spans, key=lambda s: (s[0], s[1])):
        if result and start <= result[-1][1]:
            last_start, last_end, last_lifts = result[-1]
            result[-1] = (last_start, max(last_end, end), _later(last_lifts, lifts))
        else:
            result.append((start, end, lifts))
    return result


def _hide_persons_only_in_withheld(view: Withheld) -> None:
    """A person whose every mention lies in withheld content does not appear at all."""
    from catalog.models import Mention, Translation

    touched = Q(translation_id__in=list(view.texts)) | Q(
        translation__document_id__in=list(view.documents)
    )
    for translation_id, spans in view.spans.items():
        for start, end, _ in spans:
            touched |= Q(translation_id=translation_id, start__lt=end, end__gt=start)
    candidates = set(
        Mention.objects.filter(touched, person__isnull=False)
        .exclude(person_id__in=list(view.persons))
        .values_list("person_id", flat=True)
    )
    if not candidates:
        return
    documents = dict(
        Translation.objects.filter(mention__person_id__in=candidates).values_list(
            "pk", "document_id"
        )
    )
    visible: set[int] = set()
    lifts: dict[int, datetime.date | None] = {}
    mentions = Mention.objects.filter(person_id__in=candidates).values_list(
        "person_id", "translation_id", "start", "end"
    )
    for person_id, translation_id, start, end in mentions:
        day = view.withholding(translation_id, start, end, documents.get(translation_id))
        if day is VISIBLE:
            visible.add(person_id)
        else:
            lifts[person_id] = _later(lifts[person_id], day) if person_id in lifts else day
    for person_id in candidates - visible:
        view.persons[person_id] = lifts.get(person_id)


def _hide_events(view: Withheld) -> None:
    """Events attested only in withheld text, and events whose title names a withheld
    person taking part. (Other events a withheld person took part in stay public, without
    them among the participants.)"""
    from catalog.models import EventEvidence, Participant, PersonName

    taking_part = list(
        Participant.objects.filter(person_id__in=list(view.persons)).values_list(
            "event_id", "event__title", "person_id", "person__preferred_name"
        )
    )
    if taking_part:
        names: dict[int, set[str]] = {}
        for person_id, name in PersonName.objects.filter(
            person_id__in={row[2] for row in taking_part}
        ).values_list("person_id", "name"):
            names.setdefault(person_id, set()).add(name.casefold())
        for event_id, title, person_id, preferred in taking_part:
            called = names.get(person_id, set()) | {preferred.casefold()}
            if any(name and name in title.casefold() for name in called):
                view.events[event_id] = _merge_day(view.events, event_id, view.persons[person_id])
    touched = Q(translation_id__in=list(view.texts)) | Q(
        translation__document_id__in=list(view.documents)
    )
    for translation_id, spans in view.spans.items():
        for start, end, _ in spans:
            touched |= Q(translation_id=translation_id, start__lt=end, end__gt=start)
    candidates = set(
        EventEvidence.objects.filter(touched)
        .exclude(event_id__in=list(view.events))
        .values_list("event_id", flat=True)
    )
    if not candidates:
        return
    evidence = EventEvidence.objects.filter(event_id__in=candidates).values_list(
        "event_id", "translation_id", "translation__document_id", "start", "end"
    )
    visible: set[int] = set()
    lifts: dict[int, datetime.date | None] = {}
    for event_id, translation_id, document_id, start, end in evidence:
        day = view.withholding(translation_id, start, end, document_id)
        if day is VISIBLE:
            visible.add(event_id)
        else:
            lifts[event_id] = _merge_day(lifts, event_id, day)
    for event_id in candidates - visible:
        view.events[event_id] = lifts.get(event_id)


_REQUEST_ATTRIBUTE = "_liaison_withheld"


def current(request=None) -> Withheld:
    """The withheld view for this request: built once per catalog version and day, kept in
    Django's cache and on the request."""
    if request is not None:
        view = getattr(request, _REQUEST_ATTRIBUTE, None)
        if view is not None:
            return view
    from catalog.caching import version
    from catalog.caching.store import release

    day = today()
    token = getattr(request, "_catalog_version", None) if request is not None else None
    if token is None:
        token = version.current()
        if request is not None:
            request._catalog_version = token
    entry = f"liaison:{release()}:{token}:withheld:{day.isoformat()}"
    view = cache.get(entry)
    if view is None:
        view = build(day)
        cache.set(entry, view)
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, view)
    return view
