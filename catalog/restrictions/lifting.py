"""Recording what lifted: the search index catches up with the calendar.

A restriction stops applying by itself on its lift day (``withheld.active_q``): pages read
the withheld view of the day at request time, so they show lifted content at once. The
search index and the vocabulary of suggestions, though, are written when a document is
saved; ``Lifter`` (run by ``manage.py lift_restrictions``, daily or whenever convenient)
reindexes the documents of every restriction whose day has come and whose lift has not
been recorded, and records it: ``lift_recorded`` is set and the change history gets an
entry with the reason "Lifted on <day>". Running it again lifts nothing more.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from catalog import search
from catalog.models import Restriction
from catalog.restrictions.indexing import documents_of, person_of, touch
from catalog.restrictions.withheld import today


@dataclass
class Lifted:
    day: datetime.date
    restrictions: list = field(default_factory=list)
    documents: set = field(default_factory=set)
    persons: set = field(default_factory=set)

    def lines(self) -> list[str]:
        if not self.restrictions:
            return [f"Nothing to lift on {self.day.isoformat()}."]
        lines = [
            f"Lifted {restriction} (id {restriction.pk}, lifts on "
            f"{restriction.lifts_on.isoformat()})"
            for restriction in self.restrictions
        ]
        lines.append(
            f"{len(self.restrictions)} restriction(s) lifted; "
            f"{len(self.documents)} document(s) reindexed."
        )
        return lines


class Lifter:
    def __init__(self, day: datetime.date | None = None):
        self.day = day or today()

    def due(self):
        """Restrictions whose lift day has come and whose lift is not yet recorded."""
        return Restriction.objects.filter(
            lifts_on__isnull=False, lifts_on__lte=self.day, lift_recorded__isnull=True
        ).select_related("person", "document", "translation")

    def run(self) -> Lifted:
        lifted = Lifted(self.day)
        now = timezone.now()
        with transaction.atomic(), search.deferred_reindex():
            for restriction in self.due().select_for_update(of=("self",)):
                lifted.documents |= documents_of(restriction)
                lifted.persons |= person_of(restriction)
                restriction.lift_recorded = now
                restriction._change_reason = f"Lifted on {self.day.isoformat()}"
                lifts_on = restriction.lifts_on
                # Only the record of the lift: the rule is not computed again here.
                restriction.save(update_fields=["lift_recorded"])
                restriction.lifts_on = lifts_on
                lifted.restrictions.append(restriction)
            search.reindex(lifted.documents)
            touch(lifted.documents, lifted.persons)
        return lifted
