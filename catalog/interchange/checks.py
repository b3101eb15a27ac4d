"""Checks on a whole record that no single column can make, as the models' ``clean`` does.

The importer writes in bulk, without ``full_clean``; these are the rules the database does not
enforce by itself or would only answer with an integrity error that names no row.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from catalog.models import DocumentLink, Mention, Participant, Passage, PersonRole, Restriction

#: The columns of restrictions.csv that hold each field of a restriction.
RESTRICTION_COLUMNS = {
    "translation": "text_document, text",
    "scan_page": "scan_document, scan_checksum",
}


def record_problems(instance, texts: dict[int, str]) -> list[tuple[str, str, str]]:
    """(column, value, reason) for each rule ``instance`` breaks; fills a passage's quote."""
    problems: list[tuple[str, str, str]] = []
    if isinstance(instance, Passage):
        problems.extend(_passage(instance, texts.get(instance.translation_id, "")))
    if isinstance(instance, Mention):
        named = [x for x in (instance.person_id, instance.agency_id, instance.event_id) if x]
        if len(named) != 1:
            reason = "A mention names exactly one person, agency or contact event."
            problems.append(("person, agency, event", "", reason))
    if isinstance(instance, Participant) and not (instance.person_id or instance.agency_id):
        problems.append(("person, agency", "", "A participant is a person, an agency, or both."))
    if isinstance(instance, DocumentLink) and instance.from_document_id == instance.to_document_id:
        problems.append(("to_document", "", "A document cannot be linked to itself."))
    if isinstance(instance, PersonRole) and _ends_before_start(instance):
        problems.append(("end", instance.end, "The office cannot end before it starts."))
    if isinstance(instance, Restriction):
        problems.extend(_restriction(instance))
    return problems


def _restriction(restriction: Restriction) -> list[tuple[str, str, str]]:
    from catalog.restrictions.rules import check

    try:
        check(restriction)
    except ValidationError as err:
        return [
            (RESTRICTION_COLUMNS.get(name, name), str(getattr(restriction, name, "") or ""), msg)
            for name, messages in err.message_dict.items()
            for msg in messages
        ]
    return []


def _passage(passage: Passage, text: str) -> list[tuple[str, str, str]]:
    start, end = passage.start, passage.end
    if end <= start:
        return [("end", str(end), "The passage must end after it starts.")]
    if end > len(text):
        return [("end", str(end), f"The passage ends past the end of the text ({len(text)}).")]
    if not passage.quote:
        passage.quote = text[start:end]
    elif text[start:end] != passage.quote:
        reason = f"The text at {start}–{end} reads “{text[start:end]}”, not this."
        return [("quote", passage.quote, reason)]
    return []


def _ends_before_start(role: PersonRole) -> bool:
    return bool(role.start_earliest and role.end_latest and role.end_latest < role.start_earliest)


def reversed_links(rows) -> None:
    """Refuse each link row whose two documents are already linked the other way round, in the
    catalog or in an earlier row: a link is stored once (one query for the batch)."""
    links = [row for row in rows if not row.problems and row.instance is not None]
    targets = {row.instance.to_document_id for row in links}
    stored = set(
        DocumentLink.objects.filter(from_document__in=targets).values_list(
            "from_document", "to_document"
        )
    )
    for row in links:
        link = row.instance
        if (link.to_document_id, link.from_document_id) in stored:
            row.problems.append(
                (
                    "from_document, to_document",
                    "",
                    "These two documents are already linked the other way round; "
                    "a link is stored once, on either document.",
                )
            )
        else:
            stored.add((link.from_document_id, link.to_document_id))
