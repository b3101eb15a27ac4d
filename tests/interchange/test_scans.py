# ruff: noqa: F811 - the fixtures imported from tests.scans.conftest are arguments here
"""Scanned pages in the CSV interchange: images written beside the CSV files with their
checksums and brought back verified, stored once; drafts' and withheld pages stay out of a
published-only export; restrictions name a page by its document and checksum."""

import io
import shutil

import pytest

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Document, Restriction, ScanPage, Status, TextPage
from catalog.scans.ingest import ScanIngest
from tests.interchange.fixtures import empty_catalog, read_rows, write_rows
from tests.restrictions.helpers import withhold
from tests.scans.conftest import make_image, make_pdf, media, stored_files  # noqa: F401


@pytest.fixture
def scanned(seed, tmp_path):
    """The seed memo (published, "pp. 49-51") with three scanned pages, the second withheld."""
    ScanIngest(seed).add([make_pdf(tmp_path / "memo.pdf", 3)])
    page = seed.scan_pages.get(position=2)
    withhold(scope=Restriction.Scope.SCAN_PAGE, scan_page=page)
    return seed


def _export(directory, **kwargs):
    return CatalogExporter(stderr=io.StringIO(), **kwargs).run(directory)


def _import(directory, **kwargs):
    return CatalogImporter(stderr=io.StringIO(), errors_path=directory / "e.csv", **kwargs).run(
        directory
    )


def _pages():
    return sorted(
        ScanPage.objects.values_list("document__slug", "position", "label", "checksum", "source")
    )


def test_scans_round_trip_with_their_files(scanned, tmp_path, media):
    before = _pages()
    out = tmp_path / "export"
    _export(out)
    rows = read_rows(out / "scans.csv")
    slug = scanned.slug
    assert [r["path"] for r in sorted(rows, key=lambda r: int(r["position"]))] == [
        f"scans/{slug}/{n}.png" for n in (1, 2, 3)
    ]
    for row in rows:
        page = ScanPage.objects.get(checksum=row["checksum"])
        assert (out / row["path"]).read_bytes() == page.image.read()
        assert (row["label"], int(row["width"])) == (page.label, page.width)
    restriction = next(r for r in read_rows(out / "restrictions.csv") if r["scope"] == "scan_page")
    page_two = scanned.scan_pages.get(position=2)
    assert (restriction["scan_document"], restriction["scan_checksum"]) == (
        slug,
        page_two.checksum,
    )

    empty_catalog()
    shutil.rmtree(media)
    media.mkdir()
    report = _import(out)
    assert report.ok, report.problems
    assert _pages() == before
    assert len(stored_files(media)) == 3
    restored = Restriction.objects.get(scope="scan_page")
    assert restored.scan_page.checksum == page_two.checksum
    assert restored.document.slug == slug

    # Again: every page is unchanged and no file is stored twice.
    report = _import(out)
    assert report.ok
    assert len(stored_files(media)) == 3
    assert ScanPage.objects.count() == 3


def test_a_changed_file_is_refused_naming_file_row_and_column(scanned, tmp_path, media):
    out = tmp_path / "export"
    _export(out)
    rows = read_rows(out / "scans.csv")
    victim = rows[1]
    make_image(out / victim["path"], "not the exported page")
    empty_catalog()
    shutil.rmtree(media)
    media.mkdir()
    report = _import(out)
    assert not report.ok
    text = (out / "e.csv").read_text()
    assert "scans.csv" in text and ",3,checksum," in text
    assert f"The file {victim['path']} has the SHA-256" in text
    assert ScanPage.objects.count() == 0
    assert stored_files(media) == []


def test_a_missing_file_or_a_path_outside_the_folder_is_refused(scanned, tmp_path, media):
    out = tmp_path / "export"
    _export(out)
    rows = read_rows(out / "scans.csv")
    (out / rows[0]["path"]).unlink()
    rows[1]["path"] = "../../etc/passwd"
    write_rows(out / "scans.csv", rows)
    report = _import(out, dry_run=True)
    text = (out / "e.csv").read_text()
    assert "No such file" in text and "Give a path inside the export folder" in text
    assert not report.ok


def test_an_import_adds_pages_already_stored_only_once(scanned, tmp_path, media):
    out = tmp_path / "export"
    _export(out)
    files = stored_files(media)
    ScanPage.objects.filter(position=3).delete()
    report = _import(out)
    assert report.ok
    assert ScanPage.objects.count() == 3
    # Pages 1 and 2 kept their files; page 3's file was still in the storage under its name,
    # so it was stored again beside it, once.
    assert len(stored_files(media)) == len(files) + 1


def test_published_only_leaves_out_drafts_and_withheld_pages(scanned, tmp_path):
    draft = Document.objects.create(title="A draft", slug="a-draft", status=Status.DRAFT)
    ScanIngest(draft).add([make_image(tmp_path / "d.png", "draft page")])
    out = tmp_path / "public"
    _export(out, published_only=True)
    rows = read_rows(out / "scans.csv")
    assert sorted(int(r["position"]) for r in rows) == [1, 3]
    assert {r["document"] for r in rows} == {scanned.slug}
    assert not (out / "scans" / "a-draft").exists()
    assert sorted(p.name for p in (out / "scans" / scanned.slug).iterdir()) == ["1.png", "3.png"]
    assert not (out / "restrictions.csv").exists()
    full = tmp_path / "full"
    _export(full)
    assert (full / "scans" / "a-draft" / "1.png").is_file()


def test_a_restrictions_file_without_the_scan_columns_still_imports(scanned, tmp_path):
    Restriction.objects.create(
        scope=Restriction.Scope.DOCUMENT,
        document=scanned,
        reason=Restriction.Reason.LEGAL_HOLD,
        rule=Restriction.Rule.UNTIL_REMOVED,
    )
    out = tmp_path / "export"
    _export(out)
    rows = [r for r in read_rows(out / "restrictions.csv") if r["scope"] != "scan_page"]
    for row in rows:
        del row["scan_document"], row["scan_checksum"]
    assert rows
    write_rows(out / "restrictions.csv", rows)
    for name in out.glob("*.csv"):
        if name.name != "restrictions.csv":
            name.unlink()
    Restriction.objects.filter(scope="document").delete()
    report = _import(out)
    assert report.ok
    assert Restriction.objects.filter(scope="document", document=scanned).count() == 1


def _text_pages():
    return sorted(
        TextPage.objects.values_list(
            "translation__document__slug",
            "translation__slug",
            "scan_page__position",
            "start",
            "end",
        )
    )


def test_page_spans_in_texts_round_trip_and_stay_out_where_the_page_is_withheld(
    scanned, tmp_path, media
):
    translation = scanned.translations.get()
    third = len(translation.text) // 3
    for n, page in enumerate(scanned.scan_pages.order_by("position")):
        TextPage.objects.create(
            translation=translation, scan_page=page, start=n * third, end=(n + 1) * third
        )
    before = _text_pages()
    out = tmp_path / "export"
    _export(out)
    rows = read_rows(out / "text_pages.csv")
    assert {(r["document"], r["text"]) for r in rows} == {(scanned.slug, translation.slug)}
    public = tmp_path / "public"
    _export(public, published_only=True)
    # The second page is withheld: its span is not in a public dump.
    checksums = {r["scan_checksum"] for r in read_rows(public / "text_pages.csv")}
    assert scanned.scan_pages.get(position=2).checksum not in checksums
    assert len(checksums) == 2

    empty_catalog()
    shutil.rmtree(media)
    media.mkdir()
    report = _import(out)
    assert report.ok, report.problems
    assert _text_pages() == before
