"""attach_scans: a document by slug or record id, PATHs of files, folders or PDFs."""

import pytest
from django.core.management import CommandError, call_command

from catalog.models import ScanPage
from tests.scans.conftest import make_image, make_pdf, stored_files


def test_attach_a_pdf_by_record_id(document, tmp_path, capsys):
    document.publisher_record_id = "122923"
    document.save()
    call_command("attach_scans", "122923", str(make_pdf(tmp_path / "memo.pdf", 3)))
    out = capsys.readouterr().out
    assert "1. p. 49 ← memo.pdf, page 1" in out
    assert "3 page(s) added to “Relations with Iraqi intelligence”." in out
    page = document.scan_pages.get(position=1)
    assert page.history.get().history_user.username == "attach_scans"


def test_attach_a_folder_with_labels(document, tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    make_image(folder / "2.png", "two")
    make_image(folder / "1.png", "one")
    call_command("attach_scans", "memo", str(folder), "--labels", "Bl. 49,Bl. 50")
    assert list(document.scan_pages.values_list("label", "source")) == [
        ("Bl. 49", "1.png"),
        ("Bl. 50", "2.png"),
    ]


def test_clear_messages_and_nothing_stored(document, tmp_path, media):
    good = make_pdf(tmp_path / "good.pdf", 1)
    with pytest.raises(CommandError, match="no-such-doc, document: No document with this slug"):
        call_command("attach_scans", "no-such-doc", str(good))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(CommandError, match=r"scan\.pdf: Not a PDF .* Nothing was stored\."):
        call_command("attach_scans", "memo", str(good), str(bad))
    other = make_image(tmp_path / "other.png", "other")
    with pytest.raises(CommandError, match=r"1 label\(s\) given for 2 page\(s\)"):
        call_command("attach_scans", "memo", str(good), str(other), "--labels", "Bl. 1")
    assert ScanPage.objects.count() == 0
    assert stored_files(media) == []
