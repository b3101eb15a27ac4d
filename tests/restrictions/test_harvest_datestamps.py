"""An incremental OAI-PMH harvest learns of a restriction: placing it, removing it and
recording its lift move the datestamp of the record withheld."""

import datetime
import re

from catalog.models import Document, Person, Restriction
from catalog.restrictions.lifting import Lifter

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def harvest_since(client, day: datetime.date, prefix="oai_dc") -> str:
    url = f"/oai/?verb=ListIdentifiers&metadataPrefix={prefix}&from={day.isoformat()}"
    return client.get(url).content.decode()


def header(kind: str, pk: int, deleted: bool) -> str:
    status = ' status="deleted"' if deleted else ""
    return rf"<header{status}>\s*<identifier>oai:liaison.catalog:{kind}/{pk}<"


def test_withholding_and_releasing_a_document_reaches_an_incremental_harvest(seed, client):
    Document.objects.filter(pk=seed.pk).update(modified=LONG_AGO)
    since = datetime.date.today()
    assert not re.search(header("document", seed.pk, False), harvest_since(client, since))
    restriction = Restriction.objects.create(
        scope=Scope.DOCUMENT, document=seed, reason=Reason.LEGAL_HOLD, rule=Rule.UNTIL_REMOVED
    )
    assert re.search(header("document", seed.pk, True), harvest_since(client, since))
    Document.objects.filter(pk=seed.pk).update(modified=LONG_AGO)
    restriction.delete()
    assert re.search(header("document", seed.pk, False), harvest_since(client, since))


def test_a_recorded_lift_brings_a_person_back_into_an_incremental_harvest(seed, client):
    person = Person.objects.get(slug="taher-ahmed-amin")
    Restriction.objects.create(
        scope=Scope.PERSON,
        person=person,
        reason=Reason.THIRD_PARTY,
        rule=Rule.FIXED,
        lift_date=datetime.date.today() + datetime.timedelta(days=1),
    )
    Person.objects.filter(pk=person.pk).update(modified=LONG_AGO)
    since = datetime.date.today()
    assert not re.search(
        header("person", person.pk, False), harvest_since(client, since, "eac-cpf")
    )
    lifted = Lifter(datetime.date.today() + datetime.timedelta(days=1)).run()
    assert lifted.persons == {person.pk}
    person.refresh_from_db()
    assert person.modified > LONG_AGO
