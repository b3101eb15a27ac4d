"""What a visitor and a crawler expect of any site: robots.txt, the favicon, how to search."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page; the admin is not for them. The sitemap lists
    what there is, and its address must be absolute."""
    sitemap = request.build_absolute_uri(reverse("catalog:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, where browsers and crawlers look for it, leads to the static file
    (whose name carries a hash of its content in production)."""
    return redirect(static("catalog/favicon.ico"))


@require_safe
def search_help(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/search_help.html")
