"""Collections keep their documents in order; a link between two documents is stored once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Collection, CollectionDocument, DocumentLink, Status
from tests.views.factories import document

pytestmark = pytest.mark.django_db


def test_a_collection_lists_its_documents_by_position_and_a_document_may_be_in_several():
    first = document("first", "One.").document
    second = document("second", "Two.").document
    war = Collection.objects.create(slug="war", title="War", status=Status.PUBLISHED)
    peace = Collection.objects.create(slug="peace", title="Peace")
    CollectionDocument.objects.create(collection=war, document=first, position=2)
    CollectionDocument.objects.create(collection=war, document=second, position=1)
    CollectionDocument.objects.create(collection=peace, document=first, position=1)

    in_order = [m.document.slug for m in war.memberships.select_related("document")]
    assert in_order == ["second", "first"]
    assert sorted(c.slug for c in first.collections.all()) == ["peace", "war"]
    assert war.history.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CollectionDocument.objects.create(collection=war, document=first, position=3)


def test_a_link_is_stored_once_whichever_way_round_and_reads_from_both_sides():
    reply = document("reply", "Yes.").document
    letter = document("letter", "Will you?").document
    link = DocumentLink.objects.create(from_document=reply, to_document=letter, kind="reply_to")

    assert link.wording(reply.pk) == "Reply to" and link.other(reply.pk) == letter
    assert link.wording(letter.pk) == "Answered by" and link.other(letter.pk) == reply

    backwards = DocumentLink(from_document=letter, to_document=reply, kind="other")
    with pytest.raises(ValidationError, match="already linked"):
        backwards.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        backwards.save()
    with pytest.raises(ValidationError, match="itself"):
        DocumentLink(from_document=reply, to_document=reply).full_clean()
