"""The image files of scanned pages, beside ``scans.csv``: written by the export, brought back
by the import.

An export copies each page's stored image to ``scans/<document slug>/<position>.<ext>`` in the
export folder and writes that path in the row, with the image's SHA-256, width and height. The
import reads the file named by each row, refuses it when its checksum differs from the row's
(naming the file, the row and the column), and stores it in Django's default storage unless
the document already holds a page with that checksum, whose stored file is then used: a second
import stores nothing twice. A dry run stores nothing; an import that is rolled back deletes
the files it stored.
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from catalog.models import ScanPage
from catalog.scans.pages import sha256_of

FOLDER = "scans"
RECORD = "scans"


class ScanFileWriter:
    """Copies the stored images of the rows an export writes."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.used: set[str] = set()

    def export(self, cells: dict) -> str:
        """Copy the row's image beside the CSV files; the path the row gives for it."""
        stored = cells["path"]
        extension = posixpath.splitext(stored)[1].lower() or ".png"
        base = f"{FOLDER}/{cells['document']}/{cells['position']}"
        relative, n = f"{base}{extension}", 1
        while relative in self.used:  # two pages at one position
            n += 1
            relative = f"{base}-{n}{extension}"
        self.used.add(relative)
        target = self.directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with default_storage.open(stored, "rb") as source, target.open("wb") as out:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    out.write(chunk)
        except FileNotFoundError:
            raise FileNotFoundError(
                f"scans.csv: the image of page {cells['position']} of “{cells['document']}” "
                f"({stored}) is missing from the storage; restore it or delete the page."
            ) from None
        return relative


class ScanFileReader:
    """Checks and stores the images named by the rows of ``scans.csv``."""

    def __init__(self, directory: Path, *, dry_run: bool = False):
        self.directory = directory.resolve()
        self.dry_run = dry_run
        self.stored: list[str] = []  # stored by this import, deleted if it is rolled back
        self.names: dict[tuple[int, str], str] = {}

    def bring_in(self, rows) -> None:
        """Before the rows are built: each row's file checked and its stored name set."""
        wanted = [r for r in rows if not r.problems and r.values.get("document_id")]
        existing = {
            (document_id, checksum): name
            for document_id, checksum, name in ScanPage.objects.filter(
                document_id__in={r.values["document_id"] for r in wanted},
                checksum__in={r.values.get("checksum", "") for r in wanted},
            ).values_list("document_id", "checksum", "image")
        }
        for row in wanted:
            self._bring_in(row, existing)

    def _bring_in(self, row, existing: dict) -> None:
        relative = row.values.get("image") or ""
        path = self._path(relative)
        if path is None:
            row.problems.append(
                ("path", relative, "Give a path inside the export folder, e.g. scans/memo/1.png.")
            )
            return
        if not path.is_file():
            row.problems.append(("path", relative, f"No such file in {self.directory}."))
            return
        checksum = sha256_of(path)
        given = (row.values.get("checksum") or "").lower()
        if checksum != given:
            row.problems.append(
                (
                    "checksum",
                    given,
                    f"The file {relative} has the SHA-256 {checksum}, not this one: it is "
                    "not the image that was exported.",
                )
            )
            return
        try:
            with Image.open(path) as image:
                size, extension = image.size, _extension(image.format)
        except (UnidentifiedImageError, OSError) as error:
            row.problems.append(("path", relative, f"The file is not an image ({error})."))
            return
        for column, value in zip(("width", "height"), size, strict=True):
            if row.values.get(column) not in (None, value):
                row.problems.append(
                    (column, str(row.values[column]), f"The image in {relative} is {value}.")
                )
            row.values[column] = value
        if row.problems:
            return
        key = (row.values["document_id"], checksum)
        name = existing.get(key) or self.names.get(key)
        if name is None:
            name = f"{FOLDER}/{key[0]}/{checksum}{extension}"
            if not self.dry_run:
                with path.open("rb") as stream:
                    name = default_storage.save(name, File(stream))
                self.stored.append(name)
            self.names[key] = name
        row.values["image"] = name
        row.values["checksum"] = checksum

    def _path(self, relative: str) -> Path | None:
        pure = PurePosixPath(relative)
        if not relative or pure.is_absolute() or ".." in pure.parts:
            return None
        path = (self.directory / pure).resolve()
        return path if path.is_relative_to(self.directory) else None

    def discard(self) -> None:
        """Delete what this import stored (it was rolled back, or a dry run)."""
        if not self.dry_run:
            for name in self.stored:
                default_storage.delete(name)
        self.stored = []


def _extension(image_format: str | None) -> str:
    return {"JPEG": ".jpg", "MPO": ".jpg", "TIFF": ".tif"}.get(image_format or "", ".png")
