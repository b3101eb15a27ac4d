"""Adding scans to a document: images and PDFs in, pages labelled from the archival
reference, files in the default storage; bad input stores nothing and names the file."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.importers.base import ImportProblem
from catalog.models import ArchivalReference, Document, ScanPage
from catalog.scans.ingest import ScanIngest, find_document
from catalog.scans.problems import ScanProblem
from tests.scans.conftest import make_image, make_pdf, stored_files


def test_a_pdf_is_split_into_labelled_pages_after_the_reference(document, tmp_path, media):
    pdf = make_pdf(tmp_path / "memo.pdf", 3)
    report = ScanIngest(document).add([pdf])
    pages = list(document.scan_pages.order_by("position"))
    assert [p.position for p in pages] == [1, 2, 3]
    assert [p.label for p in pages] == ["p. 49", "p. 50", "p. 51"]
    assert [p.source for p in pages] == [f"memo.pdf, page {n}" for n in (1, 2, 3)]
    assert len(report.pages) == 3
    for page in pages:
        data = default_storage.open(page.image.name).read()
        assert hashlib.sha256(data).hexdigest() == page.checksum
        image = Image.open(page.image.path)
        assert image.format == "PNG"
        # 300 × 420 pixels at 100 dpi is 3 × 4.2 inches; at 300 dpi, 900 × 1260 (give or
        # take the rounding of the page size in points).
        assert (page.width, page.height) == image.size
        assert abs(page.width - 900) <= 2 and abs(page.height - 1260) <= 2
        assert image.mode == "L"  # black on white: stored as greyscale
        assert page.image.name.startswith(f"scans/{document.pk}/{page.checksum}")
    assert len(stored_files(media)) == 3
    assert pages[0].history.count() == 1


def test_images_keep_their_bytes_and_pages_follow_the_existing_ones(document, tmp_path):
    first = make_image(tmp_path / "a.png", "one")
    ScanIngest(document).add([first])
    jpeg = make_image(tmp_path / "b.jpg", "two")
    tiff = make_image(tmp_path / "c.tif", "three")
    ScanIngest(document).add([jpeg, tiff])
    pages = list(document.scan_pages.order_by("position"))
    assert [(p.position, p.label, p.source) for p in pages] == [
        (1, "p. 49", "a.png"),
        (2, "p. 50", "b.jpg"),
        (3, "p. 51", "c.tif"),
    ]
    assert pages[1].checksum == hashlib.sha256(jpeg.read_bytes()).hexdigest()
    assert pages[1].image.name.endswith(".jpg") and pages[2].image.name.endswith(".tif")
    assert default_storage.open(pages[2].image.name).read() == tiff.read_bytes()
    # A fourth page: the reference names three, so it has no label.
    ScanIngest(document).add([make_image(tmp_path / "d.png", "four")])
    assert document.scan_pages.get(position=4).label == ""


def test_a_folder_is_read_in_natural_order_and_labels_can_be_given(document, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("page-10.png", "page-2.png", "page-1.png"):
        make_image(folder / name, name)
    (folder / "notes.txt").write_text("not a scan")
    ScanIngest(document).add([folder], labels=["Bl. 1", "Bl. 2", "Bl. 10"])
    assert list(document.scan_pages.values_list("source", "label")) == [
        ("page-1.png", "Bl. 1"),
        ("page-2.png", "Bl. 2"),
        ("page-10.png", "Bl. 10"),
    ]


def test_uploaded_files_are_read_like_paths(document, tmp_path):
    pdf = make_pdf(tmp_path / "x.pdf", 2)
    upload = SimpleUploadedFile("HA X 104.pdf", pdf.read_bytes(), "application/pdf")
    ScanIngest(document).add([upload])
    assert list(document.scan_pages.values_list("source", flat=True)) == [
        "HA X 104.pdf, page 1",
        "HA X 104.pdf, page 2",
    ]


def test_a_multi_page_tiff_is_split(document, tmp_path):
    from tests.scans.conftest import page_image

    path = tmp_path / "file.tif"
    images = [page_image(f"T{n}") for n in range(3)]
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:])
    ScanIngest(document).add([path])
    assert list(document.scan_pages.values_list("source", flat=True)) == [
        f"file.tif, page {n}" for n in (1, 2, 3)
    ]


def test_folio_references_label_folios(db, tmp_path):
    document = Document.objects.create(title="Folios", slug="folios")
    ArchivalReference.objects.create(
        document=document, as_written="BStU, MfS, HA XXII, Nr. 136, Bl. 121f."
    )
    ScanIngest(document).add([make_pdf(tmp_path / "f.pdf", 3)])
    assert list(document.scan_pages.values_list("label", flat=True)) == ["Bl. 121", "Bl. 122", ""]


def test_no_reference_no_labels(db, tmp_path):
    document = Document.objects.create(title="Unreferenced", slug="unreferenced")
    ScanIngest(document).add([make_image(tmp_path / "a.png", "a")])
    assert document.scan_pages.get().label == ""


def _refused(document, inputs, media, match, **kwargs):
    before = ScanPage.objects.count()
    with pytest.raises(ImportProblem, match=match):
        ScanIngest(document).add(inputs, **kwargs)
    assert ScanPage.objects.count() == before
    assert stored_files(media) == []


def test_bad_input_names_the_file_and_stores_nothing(document, tmp_path, media):
    good = make_pdf(tmp_path / "good.pdf", 2)
    broken = tmp_path / "broken.png"
    broken.write_bytes(make_image(tmp_path / "whole.png", "x").read_bytes()[:200])
    _refused(document, [good, broken], media, r"^broken\.png: The image cannot be read")
    fake = tmp_path / "letter.pdf"
    fake.write_text("Dear archivist, this is not a PDF.")
    _refused(document, [good, fake], media, r"^letter\.pdf: Not a PDF that can be read")
    text = tmp_path / "notes.png"
    text.write_text("hello")
    _refused(document, [text], media, r"^notes\.png: Not an image Liaison reads")
    empty = tmp_path / "empty"
    empty.mkdir()
    _refused(document, [empty], media, r"empty: The folder holds no scans")
    _refused(document, [tmp_path / "missing.png"], media, r"missing\.png: No such file")
    gif = tmp_path / "anim.gif"
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    _refused(document, [gif], media, r"^anim\.gif: GIF images are not taken")
    _refused(
        document, [good], media, r"^labels: 1 label\(s\) given for 2 page\(s\)", labels=["Bl. 1"]
    )


def test_a_page_already_stored_is_refused(document, tmp_path, media):
    image = make_image(tmp_path / "a.png", "a")
    ScanIngest(document).add([image])
    files = stored_files(media)
    with pytest.raises(ScanProblem, match=r"^a\.png: The same image is already page 1"):
        ScanIngest(document).add([make_image(tmp_path / "b.png", "b"), image])
    assert stored_files(media) == files
    assert document.scan_pages.count() == 1
    twice = make_pdf(tmp_path / "twice.pdf", 1)
    with pytest.raises(ScanProblem, match=r"^twice\.pdf, page 1: The same image as twice\.pdf"):
        ScanIngest(document).add([twice, twice])


def test_a_failure_while_storing_leaves_no_file(document, tmp_path, media, monkeypatch):
    calls = []
    original = ScanPage.save

    def failing_save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ScanPage, "save", failing_save)
    with pytest.raises(RuntimeError):
        ScanIngest(document).add([make_pdf(tmp_path / "m.pdf", 3)])
    assert ScanPage.objects.count() == 0
    assert stored_files(media) == []


def test_documents_are_found_by_slug_or_record_id(document):
    document.publisher_record_id = "122923"
    document.save()
    assert find_document("memo") == document
    assert find_document("122923") == document
    with pytest.raises(ImportProblem, match="No document with this slug"):
        find_document("nothing")
