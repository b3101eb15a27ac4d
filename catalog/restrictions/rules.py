"""When a restriction lifts, and what makes one valid.

The Federal Archives Act (Bundesarchivgesetz, BArchG) § 11 (2) protects records that name a
person until ten years after the person's death; when the date of death cannot be found,
until 100 years after the birth; when neither can be found, until 60 years after the record
was made. The Stasi Records Act (StUG) §§ 32 and 34 let the records of third parties be
published only anonymised unless such a period has run out (or the person consented, or
acted as a public figure in office). Dates in the catalog are often uncertain ("1930?",
"1986~", "197X"): a rule always counts from the *latest* day the date can mean, widened by
the catalog's fuzzy margin for approximate and uncertain dates, so that uncertainty never
shortens a protection period. A rule that has nothing to count from applies until an
officer removes the restriction.

The day of lifting is the day after the period ends: a person who died in 2000 (the latest
day: 31 December 2000) is protected until 31 December 2010, and readable from
1 January 2011 ("withheld until 2011").
"""

import datetime

from django.core.exceptions import ValidationError

from catalog import dates

DEATH_YEARS = 10
BIRTH_YEARS = 100
DOCUMENT_YEARS = 60


def years_after(day: datetime.date, years: int) -> datetime.date:
    """``day`` plus ``years`` calendar years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _latest(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return dates.edtf_bounds(value)[1]
    except dates.InvalidDate:
        return None


def life_latest(life_dates: str) -> tuple[datetime.date | None, datetime.date | None]:
    """The latest day of birth and of death that ``life_dates`` (an EDTF interval,
    'birth/death') allows; None where a side is open or unknown. A single date, with no
    side marked, is read as a birth: of the two readings it protects longer."""
    if not life_dates or not life_dates.strip():
        return None, None
    birth, death = dates.interval_sides(life_dates)
    if birth == death:  # a single date
        return _latest(birth), None
    return _latest(birth), _latest(death)


def _after(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    return years_after(day, years) + datetime.timedelta(days=1)


def lift_day(restriction) -> datetime.date | None:
    """The first day on which ``restriction`` no longer applies; None: until removed."""
    from catalog.models.restrictions import Restriction

    Rule = Restriction.Rule
    rule = restriction.rule
    if rule == Rule.FIXED:
        return restriction.lift_date
    if rule == Rule.UNTIL_REMOVED:
        return None
    person = restriction.person
    birth, death = life_latest(person.life_dates) if person is not None else (None, None)
    document = restriction.document
    made = document.date_latest if document is not None else None
    if rule == Rule.AFTER_DEATH:
        return _after(death, DEATH_YEARS)
    if rule == Rule.AFTER_BIRTH:
        return _after(birth, BIRTH_YEARS)
    if rule == Rule.AFTER_DOCUMENT:
        return _after(made, DOCUMENT_YEARS)
    # The statute's order: death, else birth, else the record.
    if death is not None:
        return _after(death, DEATH_YEARS)
    if birth is not None:
        return _after(birth, BIRTH_YEARS)
    return _after(made, DOCUMENT_YEARS)


def target(restriction) -> tuple:
    """What ``restriction`` withholds, as (scope, document, text, start, end, person, page);
    ids, None where the scope does not use them."""
    from catalog.models.restrictions import Restriction

    Scope = Restriction.Scope
    scope = restriction.scope
    passage = scope == Scope.PASSAGE
    return (
        scope,
        restriction.document_id,
        restriction.translation_id if scope in (Scope.PASSAGE, Scope.TEXT) else None,
        restriction.start if passage else None,
        restriction.end if passage else None,
        restriction.person_id if scope == Scope.PERSON else None,
        restriction.scan_page_id if scope == Scope.SCAN_PAGE else None,
    )


def covers(before: tuple, after: tuple) -> bool:
    """Does a restriction withholding ``after`` still withhold all of ``before`` (both as
    ``target`` gives them)? A passage is covered by a passage around it, by its whole text
    or by its document; a text or a scanned page by its document; anything by itself."""
    from catalog.models.restrictions import Restriction

    Scope = Restriction.Scope
    scope, document, text, start, end, person, page = before
    new_scope, new_document, new_text, new_start, new_end, new_person, new_page = after
    if new_scope == Scope.DOCUMENT and scope != Scope.PERSON:
        return document is not None and new_document == document
    if new_scope == Scope.TEXT and scope in (Scope.TEXT, Scope.PASSAGE):
        return new_text == text
    if new_scope == Scope.PASSAGE and scope == Scope.PASSAGE:
        if new_text != text or None in (start, end, new_start, new_end):
            return False
        return new_start <= start and new_end >= end
    if new_scope == scope == Scope.PERSON:
        return new_person == person
    if new_scope == scope == Scope.SCAN_PAGE:
        return new_page == page
    return False


def rule_explained(restriction) -> str:
    """What the lift day was computed from, in one sentence for the admin."""
    from catalog.models.restrictions import Restriction

    day = restriction.lifts_on
    if restriction.rule == Restriction.Rule.UNTIL_REMOVED:
        return "Applies until an officer removes it."
    if day is None:
        return "Nothing to count from yet (no date known): applies until removed or dated."
    return f"Lifts on {day:%-d %B %Y} ({restriction.get_rule_display()})."


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``: its only occurrence, else None."""
    if not quote:
        return None
    first = text.find(quote)
    if first < 0 or text.find(quote, first + 1) >= 0:
        return None
    return first, first + len(quote)


def check(restriction) -> None:
    """Raise ValidationError, field by field, for a restriction that cannot stand."""
    from catalog.models.restrictions import Restriction

    Scope, Rule = Restriction.Scope, Restriction.Rule
    errors: dict[str, str] = {}
    scope = restriction.scope
    if scope in (Scope.PASSAGE, Scope.TEXT) and restriction.translation_id is None:
        errors["translation"] = "Choose the text that holds what is withheld."
    if scope == Scope.DOCUMENT and restriction.document_id is None:
        errors["document"] = "Choose the document to withhold."
    if scope == Scope.PERSON and restriction.person_id is None:
        errors["person"] = "Choose the person to withhold."
    if scope == Scope.SCAN_PAGE and restriction.scan_page_id is None:
        errors["scan_page"] = "Choose the scanned page to withhold."
    if scope == Scope.PASSAGE and restriction.translation_id is not None:
        message = _span_problem(restriction)
        if message:
            errors["quote"] = message
    if restriction.reason == Restriction.Reason.OTHER and not restriction.note.strip():
        errors["note"] = "Say what the reason is when it is 'Other'."
    if restriction.rule == Rule.FIXED and restriction.lift_date is None:
        errors["lift_date"] = "Give the day the restriction lifts, or choose another rule."
    if restriction.rule != Rule.FIXED and restriction.lift_date is not None:
        errors["lift_date"] = "A lift date is only given with the rule 'On a fixed date'."
    if restriction.rule in (Rule.AFTER_DEATH, Rule.AFTER_BIRTH) and restriction.person_id is None:
        errors["person"] = "This rule counts from a person's life dates: choose the person."
    if errors:
        raise ValidationError(errors)


def _span_problem(restriction) -> str:
    text = restriction.translation.text
    start, end, quote = restriction.start, restriction.end, restriction.quote
    if start is None or end is None:
        if not quote:
            return "Quote the passage to withhold, as it stands in the text."
        if text.find(quote) < 0:
            return f"“{quote}” is not in the text."
        if find_span(text, quote) is None:
            return f"“{quote}” occurs more than once in the text: give its start and end too."
        return ""
    if not 0 <= start < end <= len(text):
        return f"The span {start}–{end} is not inside the text (length {len(text)})."
    if quote and text[start:end] != quote:
        return f"The text at {start}–{end} reads “{text[start:end]}”, not “{quote}”."
    return ""


def complete(restriction) -> None:
    """Fill what follows from the rest before saving: the document of a text, the span of
    a quote, the quote of a span, the lift day."""
    from catalog.models.restrictions import Restriction

    Scope = Restriction.Scope
    if restriction.translation_id is not None and restriction.scope in (Scope.PASSAGE, Scope.TEXT):
        restriction.document_id = restriction.translation.document_id
        if restriction.scope == Scope.PASSAGE:
            text = restriction.translation.text
            if restriction.start is None or restriction.end is None:
                span = find_span(text, restriction.quote)
                if span is not None:
                    restriction.start, restriction.end = span
            elif not restriction.quote:
                restriction.quote = text[restriction.start : restriction.end]
    if restriction.scan_page_id is not None and restriction.scope == Scope.SCAN_PAGE:
        restriction.document_id = restriction.scan_page.document_id
    if restriction.scope != Scope.PASSAGE:
        restriction.start = restriction.end = None
    restriction.lifts_on = lift_day(restriction)


def recompute(restrictions) -> int:
    """Store the lift day again for ``restrictions`` (after a life date or a document's date
    changed); returns how many changed."""
    from catalog import search
    from catalog.restrictions.indexing import documents_of
    from catalog.restrictions.withheld import today

    changed = []
    for restriction in restrictions:
        day = lift_day(restriction)
        if day != restriction.lifts_on:
            restriction.lifts_on = day
            if day is None or day > today():
                restriction.lift_recorded = None  # applies again: a later lift is recorded anew
            changed.append(restriction)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["lifts_on", "lift_recorded"])
        # A bulk update sends no signal: what applies again (or lifts) is reindexed here.
        search.reindex(set().union(*(documents_of(r) for r in changed)))
    return len(changed)
