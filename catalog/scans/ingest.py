"""Adding scanned pages to a document, all or nothing.

``ScanIngest(document).add(inputs, labels=None)`` takes paths (files or folders) and uploaded
files, reads every page first (``pages``), then stores the images in Django's default storage
and creates the ``ScanPage`` records in one transaction. Any bad input raises ``ScanProblem``
naming the file (and page) before anything is stored; a failure while storing deletes what was
stored of this call, so that no file is left behind.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from catalog.importers.base import ImportProblem
from catalog.models import Document, ScanPage
from catalog.scans.labels import labels_for
from catalog.scans.pages import PreparedPage, read_input
from catalog.scans.problems import ScanProblem

#: The files a folder is read for; others (notes, thumbnails.db) are passed over.
SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"}
LABEL_LENGTH = ScanPage._meta.get_field("label").max_length


def natural_key(name: str) -> list:
    """ "page-2" before "page-10": numbers compared as numbers."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def find_document(key: str) -> Document:
    """The document with this slug, or else this publisher's record id."""
    key = key.strip()
    document = Document.objects.filter(slug=key).first()
    if document is not None:
        return document
    found = list(Document.objects.filter(publisher_record_id=key)[:3])
    if len(found) == 1:
        return found[0]
    if found:
        slugs = ", ".join(d.slug for d in found)
        raise ImportProblem(
            key, None, "document", f"Several documents have this record id: {slugs}."
        )
    raise ImportProblem(
        key, None, "document", "No document with this slug or publisher's record id."
    )


@dataclass
class IngestReport:
    document: Document
    pages: list[ScanPage] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"{page.position}. {page.display_label} ← {page.source} "
            f"({page.width} × {page.height}, {page.checksum[:12]}…)"
            for page in self.pages
        ]
        out.extend(self.messages)
        out.append(f"{len(self.pages)} page(s) added to “{self.document}”.")
        return out


class ScanIngest:
    def __init__(self, document: Document, *, user=None, reason: str = "scans added"):
        if not isinstance(document, Document) or document.pk is None:
            raise ImportProblem(str(document), None, "document", "No such document is stored.")
        self.document, self.user, self.reason = document, user, reason[:100]

    def add(self, inputs: Iterable, labels: list[str] | None = None) -> IngestReport:
        """Add the pages of ``inputs`` (paths of files or folders, uploaded files) after the
        document's pages; ``labels`` one per page, else from its archival reference."""
        with Prepared(inputs, self.document) as prepared:
            return self.store(prepared.pages, labels)

    def store(self, pages: list[PreparedPage], labels: list[str] | None = None) -> IngestReport:
        """Store pages read by ``Prepared`` (still open), in one transaction."""
        check_duplicates(self.document, pages)
        return self._store(pages, labels)

    # --- storing --------------------------------------------------------------------------

    def _labels(self, pages: list[PreparedPage], labels, first: int) -> list[str]:
        if labels is None:
            return labels_for(self.document, first, len(pages))
        labels = [label.strip() for label in labels]
        if len(labels) != len(pages):
            raise ScanProblem(
                "labels",
                f"{len(labels)} label(s) given for {len(pages)} page(s): give one per page.",
            )
        for label in labels:
            if len(label) > LABEL_LENGTH:
                raise ScanProblem("labels", f"“{label}” is longer than {LABEL_LENGTH} characters.")
        return labels

    def _store(self, pages: list[PreparedPage], labels) -> IngestReport:
        report = IngestReport(self.document)
        stored: list[str] = []
        try:
            with transaction.atomic():
                # Lock the document's row so that two uploads do not take the same positions.
                Document.objects.select_for_update().filter(pk=self.document.pk).first()
                last = ScanPage.objects.filter(document=self.document).aggregate(
                    last=Max("position")
                )["last"]
                first = (last or 0) + 1
                for position, (page, label) in enumerate(
                    zip(pages, self._labels(pages, labels, first), strict=True), start=first
                ):
                    scan = ScanPage(
                        document=self.document,
                        position=position,
                        label=label,
                        checksum=page.checksum,
                        source=page.source[:255],
                        width=page.width,
                        height=page.height,
                    )
                    with page.path.open("rb") as stream:
                        scan.image.save(f"page{page.extension}", File(stream), save=False)
                    stored.append(scan.image.name)
                    scan._history_user = self.user
                    scan._change_reason = self.reason
                    scan.save()
                    report.pages.append(scan)
        except BaseException:
            for name in stored:
                default_storage.delete(name)
            raise
        return report


class Prepared:
    """Every page of ``inputs`` read and checked into a temporary folder, which lasts until
    ``close()`` (or the end of a ``with`` block). Raises ScanProblem on bad input."""

    def __init__(self, inputs: Iterable, document: Document | None = None):
        inputs = list(inputs)
        if not inputs:
            raise ScanProblem(str(document or "scans"), "No files were given.")
        self._workdir = tempfile.TemporaryDirectory(prefix="liaison-scans-")
        try:
            workdir = Path(self._workdir.name)
            self.pages: list[PreparedPage] = []
            for item in inputs:
                for path, name in _files(item, workdir):
                    self.pages.extend(read_input(path, name, workdir))
            if document is not None:
                check_duplicates(document, self.pages)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._workdir.cleanup()

    def __enter__(self) -> Prepared:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _files(item, workdir: Path) -> list[tuple[Path, str]]:
    if isinstance(item, UploadedFile | File) and not isinstance(item, str | Path):
        name = Path(item.name or "upload").name
        handle, target_name = tempfile.mkstemp(dir=workdir, suffix=Path(name).suffix)
        os.close(handle)
        target = Path(target_name)
        with target.open("wb") as out:
            for chunk in item.chunks():
                out.write(chunk)
        return [(target, name)]
    path = Path(item)
    if path.is_dir():
        files = sorted(
            (p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES),
            key=lambda p: natural_key(p.name),
        )
        if not files:
            kinds = ", ".join(sorted(SUFFIXES))
            raise ScanProblem(str(path), f"The folder holds no scans ({kinds}).")
        return [(p, p.name) for p in files]
    if not path.is_file():
        raise ScanProblem(str(path), "No such file or folder.")
    return [(path, path.name)]


def check_duplicates(document: Document, pages: list[PreparedPage]) -> None:
    """A document holds each image once: the same page twice is a mistake to show."""
    stored = {}
    if document.pk is not None:
        stored = dict(
            ScanPage.objects.filter(
                document=document, checksum__in={p.checksum for p in pages}
            ).values_list("checksum", "position")
        )
    seen: dict[str, PreparedPage] = {}
    for page in pages:
        if page.checksum in stored:
            raise ScanProblem(
                page.file_name,
                f"The same image is already page {stored[page.checksum]} of this document.",
                page.page,
            )
        if page.checksum in seen:
            raise ScanProblem(
                page.file_name, f"The same image as {seen[page.checksum].source}.", page.page
            )
        seen[page.checksum] = page
