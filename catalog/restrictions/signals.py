"""Lift days follow the dates they are counted from.

A restriction's lift day is stored (``Restriction.lifts_on``) from a person's life dates and
a document's date. When either changes, the restrictions counted from it are computed again
(``rules.recompute``): on a model save through ``post_save`` (the admin, the WCDA import,
scripts), and after the CSV interchange's bulk updates, which send no signals, through
``dates_changed`` (called by ``catalog.interchange.loader``).

Each instance remembers the date it was loaded with, so a save that leaves it alone costs no
query.
"""

from django.db.models.signals import post_init, post_save

from catalog.models import Document, Person

#: The date each record's restrictions are counted from, and the restriction's link to it.
WATCHED = {Person: ("life_dates", "person_id"), Document: ("date", "document_id")}
_LOADED = "_restriction_date_loaded"
_UNKNOWN = object()  # the date was deferred when the record was loaded


def dates_changed(model, ids) -> int:
    """Compute again the lift days of the restrictions counted from the records ``ids`` of
    ``model``; returns how many changed."""
    from catalog.models import Restriction
    from catalog.restrictions.rules import recompute

    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return 0
    link = WATCHED[model][1]
    restrictions = Restriction.objects.filter(**{f"{link}__in": ids}).select_related(
        "person", "document"
    )
    return recompute(restrictions)


_UNKNOWN = object()


def _remember(sender, instance, **kwargs):
    # Never load a deferred date here (``.only()`` on a list page): that would cost a query
    # for every record read. A record loaded without it is checked when saved.
    setattr(instance, _LOADED, instance.__dict__.get(WATCHED[sender][0], _UNKNOWN))


def _saved(sender, instance, created, raw=False, **kwargs):
    field = WATCHED[sender][0]
    value = getattr(instance, field)
    loaded = getattr(instance, _LOADED, value)
    if not created and not raw and (loaded is _UNKNOWN or loaded != value):
        dates_changed(sender, [instance.pk])
    setattr(instance, _LOADED, value)


for _model in WATCHED:
    post_init.connect(_remember, sender=_model, dispatch_uid=f"restriction-dates-{_model}")
    post_save.connect(_saved, sender=_model, dispatch_uid=f"restriction-dates-saved-{_model}")
