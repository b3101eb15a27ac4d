"""Issue 14's data layer: scanned pages, their spans in texts, several texts per document,
and restrictions on a scanned page."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from catalog.models import Document, Restriction, ScanPage, TextPage, Translation
from catalog.restrictions import withheld

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(width=60, height=80) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("L", (width, height), 255).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="page.png")


def add_page(document, position, label=""):
    page = ScanPage(document=document, position=position, label=label, checksum=f"{position:064x}")
    page.image.save("page.png", png(), save=False)
    page.save()
    return page


def test_a_page_keeps_its_image_size_label_and_order(seed):
    second = add_page(seed, 2, "p. 50")
    first = add_page(seed, 1, "p. 49")
    assert (first.width, first.height) == (60, 80)
    assert list(seed.scan_pages.all()) == [first, second]
    assert str(first) == f"p. 49 of {seed.title}"
    assert ScanPage(document=seed, position=3).display_label == "Page 3"
    assert first.image.name == f"scans/{seed.pk}/{'1':0>64}.png"


def test_a_document_holds_two_translations_into_one_language(seed):
    first = seed.translations.get()
    second = Translation.objects.create(
        document=seed, kind=first.kind, language=first.language, text="Another hand."
    )
    assert seed.translations.count() == 2
    assert second.status == "published" and not second.machine_read


def test_a_page_span_stays_inside_its_text_and_its_document(seed):
    translation = seed.translations.get()
    page = add_page(seed, 1)
    TextPage(translation=translation, scan_page=page, start=0, end=100).full_clean()
    with pytest.raises(ValidationError, match="not inside the text"):
        TextPage(
            translation=translation, scan_page=page, start=0, end=len(translation.text) + 1
        ).full_clean()
    other = Document.objects.create(title="Another file", slug="another-file")
    with pytest.raises(ValidationError, match="another document"):
        TextPage(translation=translation, scan_page=add_page(other, 1), start=0, end=1).clean()


def test_a_withheld_scan_page_is_hidden_and_its_document_named(seed):
    page = add_page(seed, 1)
    other = add_page(seed, 2)
    restriction = Restriction(
        scope=Scope.SCAN_PAGE,
        scan_page=page,
        reason=Reason.THIRD_PARTY,
        rule=Rule.FIXED,
        lift_date=datetime.date(2031, 1, 1),
    )
    restriction.full_clean()
    restriction.save()
    assert restriction.document == seed
    assert str(restriction) == f"A page of the scans: Page 1 of {seed.title}"
    view = withheld.build()
    assert view.hides_scan_page(page.pk, seed.pk)
    assert not view.hides_scan_page(other.pk, seed.pk)
    assert not view.empty
    # After the lift day the page is shown again.
    assert not withheld.build(datetime.date(2031, 1, 1)).hides_scan_page(page.pk, seed.pk)


def test_a_withheld_document_withholds_its_pages(seed):
    page = add_page(seed, 1)
    Restriction.objects.create(
        scope=Scope.DOCUMENT, document=seed, reason=Reason.LEGAL_HOLD, rule=Rule.UNTIL_REMOVED
    )
    assert withheld.build().hides_scan_page(page.pk, seed.pk)


def test_a_scan_page_restriction_needs_its_page(seed):
    restriction = Restriction(scope=Scope.SCAN_PAGE, reason=Reason.THIRD_PARTY)
    with pytest.raises(ValidationError) as raised:
        restriction.full_clean()
    assert "scan_page" in raised.value.message_dict
