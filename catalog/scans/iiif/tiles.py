"""The tiles and sizes of each page, made once and kept in Django's default storage.

They are made when a page is stored (once its transaction commits, so that a rolled-back
upload makes nothing), and at the first request for one of them when they are missing (a
page stored before this service, a storage emptied, a save whose tiling failed). They live
under ``iiif/<checksum>/`` beside the scans, in whatever storage the settings name (a folder
under ``MEDIA_ROOT``, an S3 bucket): the same image stored twice is tiled once, and a new
image for a page gets a new folder, so that a tile is never stale. The folder of an image no
page uses any more is removed. Nothing here is served directly: the image service reads the
files after checking publication and restrictions.
"""

import contextlib
import hashlib
import io
import logging
import os

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from PIL import Image

from catalog.models import ScanPage
from catalog.scans.iiif import pyramid

log = logging.getLogger(__name__)

ROOT = "iiif"
DONE = "complete"
JPEG_QUALITY = 85
LOCK_SECONDS = 300


def image_key(checksum: str, image_name: str) -> str:
    """The name of the folder of an image's tiles: its checksum (or, for a page stored
    without one, a digest of its file's name)."""
    return checksum or hashlib.sha256(image_name.encode()).hexdigest()


def folder(page: ScanPage) -> str:
    return f"{ROOT}/{image_key(page.checksum, page.image.name)}"


def path(page: ScanPage, derivative: pyramid.Derivative) -> str:
    return f"{folder(page)}/{derivative.name}"


def is_complete(page: ScanPage, storage=None) -> bool:
    return (storage or default_storage).exists(f"{folder(page)}/{DONE}")


def _source(page: ScanPage) -> Image.Image:
    """The page's image, decoded, in a mode JPEG can hold."""
    with page.image.open("rb") as handle:
        image = Image.open(handle)
        image.load()
    if image.mode in {"1", "L"}:
        return image.convert("L")
    if image.mode == "I;16" or image.mode == "I":
        return image.convert("L")
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _cut(source: Image.Image, derivative: pyramid.Derivative, reduced: dict) -> Image.Image:
    """``derivative`` cut from ``source``, reusing the page reduced by the same factor."""
    factor = derivative.factor
    if factor not in reduced:
        reduced[factor] = source if factor == 1 else source.reduce(factor)
    scaled = reduced[factor]
    left, top = derivative.x // factor, derivative.y // factor
    box = (left, top, left + derivative.out_w, top + derivative.out_h)
    part = scaled.crop(box)
    if part.size != (derivative.out_w, derivative.out_h):
        part = part.resize((derivative.out_w, derivative.out_h))
    return part


def render(page: ScanPage, derivative: pyramid.Derivative) -> bytes:
    """One derivative, made now and not kept (while another worker makes them all)."""
    return _jpeg(_cut(_source(page), derivative, {}))


def make_all(page: ScanPage, storage=None) -> int:
    """Make and keep every tile and size of ``page``; the number made (0 when they were
    there already)."""
    storage = storage or default_storage
    if is_complete(page, storage):
        return 0
    source = _source(page)
    reduced: dict[int, Image.Image] = {}
    made = 0
    for derivative in pyramid.derivatives(source.width, source.height):
        name = path(page, derivative)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(_jpeg(_cut(source, derivative, reduced))))
        made += 1
    storage.save(f"{folder(page)}/{DONE}", ContentFile(b"made by catalog.scans.iiif\n"))
    return made


def make_once(page: ScanPage) -> bool:
    """Make the page's tiles unless another worker is making them now; whether they are
    there when this returns."""
    lock = f"liaison:iiif:making:{folder(page)}"
    if not cache.add(lock, 1, LOCK_SECONDS):
        return False
    try:
        make_all(page)
    finally:
        cache.delete(lock)
    return True


def open_derivative(page: ScanPage, derivative: pyramid.Derivative) -> bytes:
    """The JPEG bytes of ``derivative``: from storage, made first when missing."""
    name = path(page, derivative)
    missing = not default_storage.exists(name)
    if missing and (not make_once(page) or not default_storage.exists(name)):
        return render(page, derivative)
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def remove_folder(key: str, storage=None) -> None:
    """Delete the tiles of the image ``key`` (a checksum), unless a page still shows it."""
    storage = storage or default_storage
    if not key or ScanPage.objects.filter(checksum=key).exists():
        return
    _delete_tree(storage, f"{ROOT}/{key}")


def _delete_tree(storage, top: str) -> None:
    try:
        directories, files = storage.listdir(top)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        storage.delete(f"{top}/{name}")
    for name in directories:
        _delete_tree(storage, f"{top}/{name}")
    if hasattr(storage, "path"):  # a folder on disk: remove it once empty
        with contextlib.suppress(OSError, NotImplementedError):
            os.rmdir(storage.path(top))


def _make_after_commit(page_pk: int) -> None:
    page = ScanPage.objects.filter(pk=page_pk).first()
    if page is None or not page.image:
        return
    try:
        make_once(page)
    except Exception:  # a page whose tiling failed is tiled at its first request
        log.exception("Could not make the IIIF tiles of scanned page %s", page_pk)


@receiver(pre_save, sender=ScanPage, dispatch_uid="iiif_remember_image")
def _remember_image(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._iiif_previous_key = None
        return
    previous = ScanPage.objects.filter(pk=instance.pk).values_list("checksum", flat=True).first()
    instance._iiif_previous_key = previous


@receiver(post_save, sender=ScanPage, dispatch_uid="iiif_make_tiles")
def _make_tiles(sender, instance, raw=False, **kwargs):
    if raw or not instance.image:
        return
    page_pk = instance.pk
    transaction.on_commit(lambda: _make_after_commit(page_pk))
    previous = getattr(instance, "_iiif_previous_key", None)
    if previous and previous != instance.checksum:
        transaction.on_commit(lambda: remove_folder(previous))


@receiver(post_delete, sender=ScanPage, dispatch_uid="iiif_remove_tiles")
def _remove_tiles(sender, instance, **kwargs):
    key = instance.checksum
    transaction.on_commit(lambda: remove_folder(key))
