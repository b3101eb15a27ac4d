"""Scans are stored in a folder of the test's own, and made by the tests with Pillow."""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Django's default storage writes under this test's own folder."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def page_image(text: str, size=(300, 420), colour: bool = False) -> Image.Image:
    """A page with a line of text, so that every page's checksum differs."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), text, fill="red" if colour else "black")
    draw.rectangle((20, 60, 20 + 10 * len(text), 70), fill="black")
    return image


def make_pdf(path: Path, pages: int, prefix: str = "Blatt") -> Path:
    """A PDF of ``pages`` pages, each an image with its number (Pillow's PDF writer)."""
    images = [page_image(f"{prefix} {n}") for n in range(1, pages + 1)]
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return path


def make_image(path: Path, text: str, **kwargs) -> Path:
    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}.get(
        path.suffix.lower(), "PNG"
    )
    page_image(text, **kwargs).save(path, format=fmt)
    return path


@pytest.fixture
def document(db):
    from catalog.models import ArchivalReference, Document

    document = Document.objects.create(title="Relations with Iraqi intelligence", slug="memo")
    ArchivalReference.objects.create(document=document, as_written="BStU, ZA, HA X 104, pp. 49-51")
    return document


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())
