"""The IIIF Image API 3.0 service, level 0: ``/iiif/3/<page>/info.json`` and the tiles and
sizes it lists, ``/iiif/3/<page>/<region>/<size>/<rotation>/<quality>.<format>``.

Every request asks first whether the page may be shown: its document must be visible to the
visitor (published; staff also see drafts, as on the document page, so that a draft's
scans can be checked before publishing) and neither the document nor the page withheld
(``Withheld.hides_scan_page``, for everyone, staff included: withheld content is read in
the admin only). Otherwise the answer is 404, whatever the reason, as for a page never
stored.

The whole-page cache does not keep these answers (``/iiif/`` is exempt from it): each
carries an ETag of its own (the image's checksum and the derivative), and ``no-cache``, so
that a browser or proxy may keep a tile but asks each time whether it may still show it;
the answer is then a 304 that costs no image read. Answers for staff are ``private``.
Published images are open to viewers on other sites (``Access-Control-Allow-Origin: *``,
which never carries a visitor's cookies, so it never opens a draft).
"""

import hashlib
import json

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.views.decorators.http import require_safe

from catalog.models import ScanPage
from catalog.restrictions import public
from catalog.scans.iiif import pyramid, tiles
from catalog.views.pages import is_visible, sees_drafts

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROFILE_LEVEL = "level0"
LD_JSON = f'application/ld+json;profile="{CONTEXT}"'


def shown_page(request: HttpRequest, page_id: int) -> ScanPage:
    """The scanned page ``page_id`` if the visitor may see it, else 404."""
    page = ScanPage.objects.select_related("document").filter(pk=page_id).first()
    if page is None or not page.image or not page.width or not page.height:
        raise Http404("No image at this address.")
    if not is_visible(page.document, request.user):
        raise Http404("No image at this address.")
    if public.view().hides_scan_page(page.pk, page.document_id):
        raise Http404("No image at this address.")
    return page


def service_id(request: HttpRequest, page: ScanPage) -> str:
    return request.build_absolute_uri(reverse("iiif:base", args=[page.pk]))


def info(request: HttpRequest, page: ScanPage) -> dict:
    """The page's ``info.json``: what a viewer needs to ask for its tiles."""
    width, height = page.width, page.height
    return {
        "@context": CONTEXT,
        "id": service_id(request, page),
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": PROFILE_LEVEL,
        "width": width,
        "height": height,
        "sizes": [{"width": w, "height": h} for w, h in pyramid.sizes(width, height)],
        "tiles": [{"width": pyramid.TILE, "scaleFactors": pyramid.scale_factors(width, height)}],
        "preferredFormats": ["jpg"],
    }


def _headers(request: HttpRequest, response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    staff = sees_drafts(request.user)
    visibility = {"private": True} if staff else {"public": True}
    patch_cache_control(response, no_cache=True, **visibility)
    patch_vary_headers(response, ("Cookie",))
    if not staff:
        response["Access-Control-Allow-Origin"] = "*"
    return response


def _not_modified(request: HttpRequest, etag: str) -> bool:
    return etag in parse_etags(request.headers.get("If-None-Match", ""))


@require_safe
def base(request: HttpRequest, page_id: int) -> HttpResponse:
    """The service's own address leads to its ``info.json`` (Image API 3.0, § 2.2)."""
    shown_page(request, page_id)
    response = HttpResponseRedirect(reverse("iiif:info", args=[page_id]))
    response.status_code = 303
    return response


@require_safe
def info_json(request: HttpRequest, page_id: int) -> HttpResponse:
    page = shown_page(request, page_id)
    body = json.dumps(info(request, page), indent=2)
    etag = quote_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    if _not_modified(request, etag):
        return _headers(request, HttpResponseNotModified(), etag)
    wants_ld = "application/ld+json" in request.headers.get("Accept", "")
    response = HttpResponse(body, content_type=LD_JSON if wants_ld else "application/json")
    patch_vary_headers(response, ("Accept",))
    return _headers(request, response, etag)


@require_safe
def image(
    request: HttpRequest,
    page_id: int,
    region: str,
    size: str,
    rotation: str,
    quality: str,
    fmt: str,
) -> HttpResponse:
    page = shown_page(request, page_id)
    try:
        derivative = pyramid.read_request(
            page.width, page.height, region, size, rotation, quality, fmt
        )
    except pyramid.BadRequest as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    except pyramid.NotOffered as error:
        raise Http404(str(error)) from error
    key = tiles.image_key(page.checksum, page.image.name)
    etag = quote_etag(hashlib.sha256(f"{key}/{derivative.name}".encode()).hexdigest()[:32])
    if _not_modified(request, etag):
        return _headers(request, HttpResponseNotModified(), etag)
    response = HttpResponse(tiles.open_derivative(page, derivative), content_type="image/jpeg")
    return _headers(request, response, etag)
