"""An archivist's decisions on suggestions: accept, reject, re-point, accept a whole name.

Accepting a suggestion with a span makes the mention (its span and quote, as the text reads
them) and enters it in the change history under the archivist's name, as an admin edit does;
a place, which mentions do not name, is added to the document's places instead. A suggestion
from the publisher's list (no span) accepts the open suggestions of its record in the same
document. Every decision records who and when; a rejection stays, so that the span is never
proposed again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from catalog.models import Agency, Mention, Person, Place, Suggestion

REASON = "accepted a suggested mention"


class ReviewError(ValueError):
    """A decision that cannot be taken; the message says why."""


def point(suggestion: Suggestion, record: Person | Agency | Place) -> None:
    """Make ``record`` the one the suggestion names (re-pointing it), unsaved."""
    suggestion.person = record if isinstance(record, Person) else None
    suggestion.agency = record if isinstance(record, Agency) else None
    suggestion.place = record if isinstance(record, Place) else None


def _decide(suggestion: Suggestion, status: str, user) -> None:
    suggestion.status = status
    suggestion.decided_by = user if user is not None and user.pk else None
    suggestion.decided_at = timezone.now()


@transaction.atomic
def accept(suggestion: Suggestion, user, record=None) -> Mention | None:
    """Accept ``suggestion`` (for ``record`` if given); return the mention it made."""
    if record is not None:
        point(suggestion, record)
    target = suggestion.chosen
    if target is None:
        names = ", ".join(str(c) for c in candidates_of(suggestion)) or "no record yet"
        raise ReviewError(
            f"“{suggestion.quote}” may name {names}: choose the person, agency or place it "
            "names before accepting it."
        )
    mention = None
    translation = suggestion.translation
    if suggestion.place_id:
        document = translation.document
        if not document.places.filter(pk=suggestion.place_id).exists():
            document.places.add(suggestion.place)
            document._history_user = user
            document._change_reason = f"{REASON}: place {suggestion.place}"
            document.save()
    elif suggestion.start is not None:
        key = "person" if suggestion.person_id else "agency"
        mention = Mention.objects.filter(
            translation=translation,
            start=suggestion.start,
            end=suggestion.end,
            **{key: target},
        ).first()
        if mention is None:
            mention = Mention(
                translation=translation,
                start=suggestion.start,
                end=suggestion.end,
                quote=translation.text[suggestion.start : suggestion.end],
                **{key: target},
            )
            mention.full_clean()
            mention._history_user = user
            mention._change_reason = REASON
            mention.save()
    else:
        # The publisher's list says the record belongs to the document: take its spans.
        field = "person" if suggestion.person_id else "agency"
        same = Suggestion.objects.filter(
            translation__document_id=translation.document_id,
            status=Suggestion.Status.OPEN,
            start__isnull=False,
            **{field: target},
        )
        for other in same:
            accept(other, user)
    suggestion.mention = mention
    _decide(suggestion, Suggestion.Status.ACCEPTED, user)
    suggestion.save()
    return mention


def reject(suggestion: Suggestion, user) -> None:
    _decide(suggestion, Suggestion.Status.REJECTED, user)
    suggestion.save()


def candidates_of(suggestion: Suggestion) -> list:
    """The records a suggestion may name, persons first (prefetched ones when there are)."""
    return [
        *suggestion.candidate_persons.all(),
        *suggestion.candidate_agencies.all(),
        *suggestion.candidate_places.all(),
    ]


@transaction.atomic
def accept_all_of_name(suggestions: Iterable[Suggestion], user) -> tuple[int, list[str]]:
    """Accept every open suggestion of the names of ``suggestions``, each name for the
    record its selected suggestion names. Returns how many were accepted, and a message
    for each name that names no single record."""
    accepted, problems, done = 0, [], set()
    for chosen in suggestions:
        if chosen.folded_name in done:
            continue
        done.add(chosen.folded_name)
        target = chosen.chosen
        if target is None:
            problems.append(
                f"“{chosen.name}” may name several records: choose one on a suggestion first."
            )
            continue
        same = (
            Suggestion.objects.filter(folded_name=chosen.folded_name, status="open")
            .exclude(start__isnull=True)
            .select_related("translation")
        )
        for suggestion in same:
            accept(suggestion, user, record=target)
            accepted += 1
    return accepted, problems


def _unique_slug(model, name: str) -> str:
    from catalog.importers.annotations import default_slug

    base = default_slug(name, max_length=110)
    slug, number = base, 1
    while model._default_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_records(suggestions: Iterable[Suggestion], user) -> list:
    """Create a draft record for each name no record has (a person unless the suggestion
    proposes an agency or place); its occurrences become open suggestions of the new record,
    for the archivist to accept."""
    created, done = [], set()
    for suggestion in suggestions:
        if suggestion.folded_name in done or suggestion.kind != Suggestion.Kind.NEW:
            continue
        done.add(suggestion.folded_name)
        kind = suggestion.proposed_kind or Suggestion.Kind.PERSON
        model = {"person": Person, "agency": Agency, "place": Place}[kind]
        field = {"person": "preferred_name", "agency": "name", "place": "name"}[kind]
        record = model(**{field: suggestion.name, "slug": _unique_slug(model, suggestion.name)})
        if kind == "person" and suggestion.source == Suggestion.Source.ASSOCIATED:
            # Listed "Kratsch, Günther, 1930-": the sort name, and so the surname that the
            # texts use ("Comrade Colonel Kratsch"), come from the listing.
            from catalog.suggestions.associated import LIFE_DATES

            record.sort_name = LIFE_DATES.sub("", suggestion.quote).strip(" ,")[:255]
        record._history_user = user
        record._change_reason = "created from a suggested name"
        record.full_clean()
        record.save()
        created.append(record)
        same = Suggestion.objects.filter(
            folded_name=suggestion.folded_name, kind=Suggestion.Kind.NEW, status="open"
        )
        relation = {"person": "candidate_persons", "agency": "candidate_agencies"}.get(
            kind, "candidate_places"
        )
        for occurrence in same:
            getattr(occurrence, relation).add(record)
        same.update(kind=kind, **{kind: record})
    if created:
        _rescan_for(created)
    return created


def _rescan_for(records: list) -> None:
    """Scan again the texts where a new record's names stand as names with no record, so
    that they become suggestions of it ("Kratsch" after "Comrade Colonel")."""
    from catalog.suggestions.folding import fold_name
    from catalog.suggestions.scanner import SuggestionScanner
    from catalog.suggestions.vocabulary import Vocabulary, surname

    names = set()
    for record in records:
        if isinstance(record, Person):
            names.add(fold_name(record.preferred_name))
            if family := surname(record.sort_name, record.preferred_name):
                names.add(fold_name(family))
        else:
            names.add(fold_name(record.name))
    texts = (
        Suggestion.objects.filter(folded_name__in=names, kind=Suggestion.Kind.NEW, status="open")
        .values_list("translation", flat=True)
        .distinct()
    )
    from catalog.models import Translation

    scanner = SuggestionScanner(Vocabulary.from_catalog())
    for translation in Translation.objects.filter(pk__in=list(texts)):
        scanner.scan(translation)
