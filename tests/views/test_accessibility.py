"""Every public page is accessible and self-contained: landmarks, a skip link first,
headings in order, labelled controls, and no request to any other host."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

PAGES = [
    "/",
    "/documents/mfs-relations-with-iraqi-intelligence-1986/",
    "/persons/",
    "/persons/saadoun-shaker/",
    "/agencies/",
    "/agencies/mfs/",
    "/network/",
    "/events/",
    "/events/1975-08-29-scholz-meets-saadoun-shaker/",
    "/subjects/",
    "/subjects/counterintelligence/",
    "/places/",
    "/places/iraq/",
]

# Elements and attributes through which a page would load something.
LOADING = {
    "script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
    "video": "src", "audio": "src", "embed": "src", "object": "data", "use": "href",
    "image": "href", "form": "action",
}  # fmt: skip


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.focusable: list[dict] = []
        self.controls: list[dict] = []
        self.label_for: set[str] = set()
        self.loads: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if (tag == "a" and "href" in attrs) or tag in ("input", "select", "button", "textarea"):
            self.focusable.append({"tag": tag, **attrs})
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs)
        if tag == "label" and "for" in attrs:
            self.label_for.add(attrs["for"])
        if tag in LOADING and attrs.get(LOADING[tag]):
            self.loads.append(attrs[LOADING[tag]])
        if "style" in attrs and "url(" in attrs["style"]:
            self.loads.append(attrs["style"])


def read(client, url: str) -> PageReader:
    response = client.get(url)
    assert response.status_code == 200, url
    reader = PageReader()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def pages(seed, client) -> dict[str, PageReader]:
    """Every public page of the seed, read once (the seed takes a while to import)."""
    return {url: read(client, url) for url in PAGES}


def test_every_page_has_landmarks_and_a_skip_link_first(pages):
    for url, page in pages.items():
        for landmark in ("header", "nav", "main", "footer"):
            assert landmark in page.tags, f"no <{landmark}> on {url}"
        assert page.focusable[0]["href"] == "#main" and "main" in page.ids, url


def test_headings_start_at_one_and_never_skip_a_level(pages):
    for url, page in pages.items():
        headings = page.headings
        assert headings[0] == 1 and headings.count(1) == 1, url
        for previous, current in zip(headings, headings[1:], strict=False):
            assert current <= previous + 1, f"h{previous} then h{current} on {url}"


def test_every_form_control_has_a_label(pages):
    for url, page in pages.items():
        for control in page.controls:
            labelled = control.get("id") in page.label_for or control.get("aria-label")
            assert labelled, (url, control)


def test_no_page_loads_anything_from_another_host(pages):
    for url, page in pages.items():
        for address in page.loads:
            # The canonical link names the catalog itself; nothing else may name a host.
            assert urlsplit(address).netloc in ("", "testserver"), (url, address)
            assert "url(http" not in address, (url, address)


def test_ids_are_unique_on_every_page(pages):
    for url, page in pages.items():
        assert len(page.ids) == len(set(page.ids)), url


def test_the_search_box_in_the_header_sends_q_to_the_document_search(seed, client):
    html = client.get("/").content.decode()
    assert (
        '<form class="site-search" role="search" aria-label="Search documents" method="get"'
        ' action="/documents/">'
    ) in html
    assert '<label for="site-search-q">Search documents</label>' in html
    assert 'name="q"' in html


def test_the_stylesheet_is_served_by_the_project_and_names_no_other_host():
    path = finders.find("catalog/liaison.css")
    assert path is not None
    css = Path(path).read_text(encoding="utf-8")
    assert "http" not in css and "@import" not in css
    assert ":focus-visible" in css and "@media" in css


def test_every_page_is_reachable_from_the_home_page(seed, client):
    """Follow links from the home page, breadth first, within the catalog's pages."""
    seen, queue = set(), ["/"]
    while queue:
        url = queue.pop(0)
        if url in seen or len(seen) > 200:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for link in re.findall(r'href="(/[^"#?]*)"', response.content.decode()):
            if not link.startswith(("/static/", "/admin/", "/documents/")) or (
                link.startswith("/documents/") and link.count("/") == 3
            ):
                queue.append(link)
    for url in PAGES:
        assert url in seen, f"{url} is not linked from anywhere reachable"
    assert "/places/former-us-embassy-baghdad/" in seen
    assert "/events/1969-10-mielke-receives-al-amash/" in seen
