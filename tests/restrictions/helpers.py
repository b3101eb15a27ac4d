"""Restrictions as the tests place them: validated and saved like an officer's in the admin."""

import datetime

from catalog.models import Restriction


def withhold(**target) -> Restriction:
    """A restriction for a third party's privacy, lifting on 1 January 2031, on ``target``
    (its scope and what it withholds: a document, a passage, a person, a page of the scans)."""
    restriction = Restriction(
        reason=Restriction.Reason.THIRD_PARTY,
        rule=Restriction.Rule.FIXED,
        lift_date=datetime.date(2031, 1, 1),
        **target,
    )
    restriction.full_clean()
    restriction.save()
    return restriction
