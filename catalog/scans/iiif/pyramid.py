"""The tiles and sizes of a page, and the Image API requests that name them.

The service is level 0 (static tiles): every image it can answer is listed in the page's
``info.json`` and made once, ahead of the request. A page of ``width`` × ``height`` pixels is
cut into square tiles of ``TILE`` pixels at each scale factor 1, 2, 4, … up to the first at
which the whole page fits in one tile; the whole page is also kept at each of those scales
(the ``sizes`` of ``info.json``, the largest being ``full/max``). A request is read into the
region it asks for (in the page's pixels) and the size of the answer, and matched against
that list: any spelling of the same image (``full`` or ``0,0,w,h``; ``max``, ``w,h``, ``w,``
or ``,h``) is the same derivative.
"""

import math
import re
from dataclasses import dataclass, field

TILE = 512

_REGION = re.compile(r"^(\d+),(\d+),(\d+),(\d+)$")
_SIZE = re.compile(r"^(\^?)(\d*),(\d*)$")


class BadRequest(ValueError):
    """A request the Image API does not allow (400)."""


class NotOffered(LookupError):
    """A valid request for an image this level 0 service does not make (404)."""


@dataclass(frozen=True)
class Derivative:
    """An image the service makes: a region of the page, scaled to ``out_w`` × ``out_h``."""

    x: int
    y: int
    w: int
    h: int
    out_w: int
    out_h: int
    factor: int = field(default=1, compare=False)  # the page is reduced by it, then cut

    @property
    def name(self) -> str:
        """Its path under the page's folder, in the canonical form of the Image API."""
        return f"{self.x},{self.y},{self.w},{self.h}/{self.out_w},{self.out_h}/0/default.jpg"


def scale_factors(width: int, height: int, tile: int = TILE) -> list[int]:
    """1, 2, 4, … until the whole page fits in one tile."""
    factors = [1]
    while math.ceil(max(width, height) / factors[-1]) > tile:
        factors.append(factors[-1] * 2)
    return factors


def sizes(width: int, height: int, tile: int = TILE) -> list[tuple[int, int]]:
    """The whole page at each scale factor, smallest first."""
    return [
        (math.ceil(width / f), math.ceil(height / f))
        for f in reversed(scale_factors(width, height, tile))
    ]


def derivatives(width: int, height: int, tile: int = TILE) -> list[Derivative]:
    """Every image the service makes of a page: its tiles, then the whole page at each size."""
    made: dict[str, Derivative] = {}
    for factor in scale_factors(width, height, tile):
        span = tile * factor
        for y in range(0, height, span):
            for x in range(0, width, span):
                w, h = min(span, width - x), min(span, height - y)
                out_w, out_h = math.ceil(w / factor), math.ceil(h / factor)
                derivative = Derivative(x, y, w, h, out_w, out_h, factor)
                made[derivative.name] = derivative
    for factor in scale_factors(width, height, tile):
        out_w, out_h = math.ceil(width / factor), math.ceil(height / factor)
        derivative = Derivative(0, 0, width, height, out_w, out_h, factor)
        made.setdefault(derivative.name, derivative)
    return list(made.values())


def read_request(
    width: int, height: int, region: str, size: str, rotation: str, quality: str, fmt: str
) -> Derivative:
    """The derivative an Image API request asks for. ``BadRequest`` when the request is not
    valid Image API 3.0; ``NotOffered`` when it is, but names an image this service does not
    make (another rotation, quality, format or size)."""
    x, y, w, h = _region(width, height, region)
    out_w, out_h = _size(w, h, size)
    if rotation not in {"0", "!0"}:
        if re.fullmatch(r"!?\d+(\.\d+)?", rotation):
            raise NotOffered("This service turns no image: rotation must be 0.")
        raise BadRequest(f"Rotation '{rotation}' is not a number of degrees.")
    if rotation == "!0":
        raise NotOffered("This service mirrors no image.")
    if quality not in {"default", "color", "gray", "bitonal"}:
        raise BadRequest(f"Quality '{quality}' is not one of default, color, gray, bitonal.")
    if quality != "default" or fmt != "jpg":
        raise NotOffered("This service makes default.jpg images only.")
    wanted = Derivative(x, y, w, h, out_w, out_h).name
    offered = {derivative.name: derivative for derivative in derivatives(width, height)}
    if wanted not in offered:
        raise NotOffered("This level 0 service makes only the tiles and sizes its info.json lists.")
    return offered[wanted]


def _region(width: int, height: int, region: str) -> tuple[int, int, int, int]:
    if region == "full":
        return 0, 0, width, height
    if region == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    if region.startswith("pct:"):
        raise NotOffered("This service takes regions in pixels.")
    match = _REGION.match(region)
    if match is None:
        raise BadRequest(f"Region '{region}' is not full, square or x,y,w,h.")
    x, y, w, h = (int(group) for group in match.groups())
    if w == 0 or h == 0:
        raise BadRequest("A region must be at least one pixel wide and high.")
    if x >= width or y >= height:
        raise BadRequest("The region lies outside the image.")
    return x, y, min(w, width - x), min(h, height - y)


def _size(w: int, h: int, size: str) -> tuple[int, int]:
    if size == "max":
        return w, h
    if size.startswith("pct:") or size.startswith("!") or size.startswith("^!"):
        raise NotOffered("This service takes sizes as max, w,h, w, or ,h.")
    match = _SIZE.match(size)
    if match is None or not (match.group(2) or match.group(3)):
        raise BadRequest(f"Size '{size}' is not max, w,h, w, or ,h.")
    upscale, out_w, out_h = match.group(1), match.group(2), match.group(3)
    if out_w and out_h:
        out = int(out_w), int(out_h)
    elif out_w:
        out = int(out_w), max(1, round(h * int(out_w) / w))
    else:
        out = max(1, round(w * int(out_h) / h)), int(out_h)
    if 0 in out:
        raise BadRequest("A size must be at least one pixel wide and high.")
    if not upscale and (out[0] > w or out[1] > h):
        raise BadRequest("A size larger than the region needs the ^ prefix.")
    return out
