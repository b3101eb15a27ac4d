"""Reading what comes in into pages: each image file checked, each PDF split into images.

A page comes out as a file in a temporary folder with its checksum, size, format and source
("memo.pdf, page 2"); nothing is stored yet, so that bad input anywhere stores nothing.

PDF pages are rendered with pypdfium2 (PDFium, the PDF engine of Chromium) at 300 dpi, the
resolution archives scan typescript at and Tesseract reads best, and saved as PNG: lossless,
so that the page image adds no compression artefacts to those of the scan inside the PDF,
which matters for OCR and for reading faint carbon copies. Pages without colour are saved in
greyscale, a third of the size. A page larger than A3 is rendered smaller, so that no image
exceeds ``MAX_SIDE`` pixels on its long side.

Image files are kept byte for byte as they came (their checksum is the original's); a TIFF
of several pages is split like a PDF.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageSequence, UnidentifiedImageError

from catalog.scans.problems import ScanProblem

DPI = 300
MAX_SIDE = 6000  # pixels: A3 at 300 dpi is 4961 × 3508
FORMATS = {"PNG": ".png", "JPEG": ".jpg", "MPO": ".jpg", "TIFF": ".tif"}
PDF_MAGIC = b"%PDF-"


@dataclass
class PreparedPage:
    path: Path  # the image, in a temporary folder or where it came from
    extension: str
    checksum: str
    width: int
    height: int
    source: str  # "memo.pdf, page 2" or "scan-01.png"
    file_name: str  # the input file's name, for messages
    page: int | None = None  # the page of a PDF or TIFF, from 1


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_pdf(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(1024)
    return PDF_MAGIC in head or path.suffix.lower() == ".pdf"


def read_input(path: Path, name: str, workdir: Path) -> Iterator[PreparedPage]:
    """The pages of one input file (``name`` as the user knows it); ScanProblem if bad."""
    if path.stat().st_size == 0:
        raise ScanProblem(name, "The file is empty.")
    if is_pdf(path):
        yield from _pdf_pages(path, name, workdir)
    else:
        yield from _image_pages(path, name, workdir)


def _open_image(path: Path, name: str, page: int | None = None) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            image.load()  # decodes it all: a truncated or damaged file fails here
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ScanProblem(
            name, f"The image is too large (over {Image.MAX_IMAGE_PIXELS:,} pixels).", page
        ) from None
    except UnidentifiedImageError:
        raise ScanProblem(
            name, "Not an image Liaison reads: give PNG, JPEG, TIFF or PDF files.", page
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ScanProblem(name, f"The image cannot be read ({error}).", page) from None


def _image_pages(path: Path, name: str, workdir: Path) -> Iterator[PreparedPage]:
    image = _open_image(path, name)
    if image.format not in FORMATS:
        raise ScanProblem(
            name, f"{image.format} images are not taken: give PNG, JPEG, TIFF or PDF files."
        )
    frames = getattr(image, "n_frames", 1)
    if image.format != "TIFF" or frames == 1:
        yield PreparedPage(
            path=path,
            extension=FORMATS[image.format],
            checksum=sha256_of(path),
            width=image.width,
            height=image.height,
            source=name,
            file_name=name,
        )
        return
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        try:
            frame.load()
            single = frame.copy()
        except (OSError, ValueError) as error:
            raise ScanProblem(name, f"This page cannot be read ({error}).", number) from None
        yield _saved(single, workdir, name, number, compress_colour=False)


def _pdf_pages(path: Path, name: str, workdir: Path) -> Iterator[PreparedPage]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise ScanProblem(
            name, f"Not a PDF that can be read, or protected by a password ({error})."
        ) from None
    try:
        if len(pdf) == 0:
            raise ScanProblem(name, "The PDF has no pages.")
        for index in range(len(pdf)):
            number = index + 1
            try:
                page = pdf[index]
                width, height = page.get_size()  # in points, 72 to the inch
                scale = min(DPI / 72, MAX_SIDE / max(width, height, 1))
                bitmap = page.render(scale=scale, rotation=0)
                image = bitmap.to_pil()
            except pdfium.PdfiumError as error:
                raise ScanProblem(
                    name, f"This page cannot be rendered ({error}).", number
                ) from None
            yield _saved(image, workdir, name, number)
    finally:
        pdf.close()


def _saved(
    image: Image.Image, workdir: Path, name: str, number: int, *, compress_colour: bool = True
) -> PreparedPage:
    """One page of a PDF or TIFF as a PNG in ``workdir``; greyscale when it has no colour."""
    if image.mode not in ("1", "L", "RGB", "RGBA", "I;16"):
        image = image.convert("RGB")
    if compress_colour and image.mode == "RGB":
        grey = image.convert("L")
        if ImageChops.difference(image, grey.convert("RGB")).getbbox() is None:
            image = grey
    handle, target_name = tempfile.mkstemp(suffix=".png", dir=workdir)
    os.close(handle)
    target = Path(target_name)
    image.save(target, format="PNG", optimize=False)
    return PreparedPage(
        path=target,
        extension=".png",
        checksum=sha256_of(target),
        width=image.width,
        height=image.height,
        source=f"{name}, page {number}",
        file_name=name,
        page=number,
    )
