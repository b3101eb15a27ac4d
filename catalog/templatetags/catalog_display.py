"""Template filters for the public pages: visibility of linked records, JSON-LD.

Dates and tenures are not worded here: records store their words when saved
(``date_display``, ``tenure_display``; see ``catalog.dates``).
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString

from catalog.models import authorities
from catalog.models.base import site_url, slug_url, web_url
from catalog.views.pages import is_visible

register = template.Library()

# As Django's json_script does: nothing in the data can close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> SafeString:
    """``data`` in a <script type="application/ld+json"> element, safely escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


@register.simple_tag
def address(name: str, slug: str | None = None) -> str:
    """As ``{% url name %}`` or ``{% url name slug %}``, each address resolved once per name
    (``catalog.models.base.slug_url``): a page links to dozens. Escaped as ``url`` is."""
    return site_url(name) if slug is None else slug_url(name, slug)


@register.filter
def if_visible(record, user):
    """``record`` if ``user`` may see it, else None: drafts never show on public pages."""
    return record if is_visible(record, user) else None


@register.filter
def shown_participants(participants, user) -> list:
    """(participant, person, agency) for each participant ``user`` may see; person or
    agency is None when it is a draft, and a participant with neither is left out."""
    rows = []
    for participant in participants:
        person = participant.person if is_visible(participant.person, user) else None
        agency = participant.agency if is_visible(participant.agency, user) else None
        if person is not None or agency is not None:
            rows.append((participant, person, agency))
    return rows


@register.filter(name="web_url")
def web_url_filter(value) -> str:
    """The address if it is http or https, else "": never a ``javascript:`` link."""
    return web_url(value)


@register.filter
def authority_identifiers(record) -> list:
    """The identifiers ``record`` carries in authority files (GND, VIAF...), with links."""
    return authorities.identifiers(record)


_DRAFT_BADGE = SafeString(' <span class="draft-badge">Draft, not public</span>')


@register.filter
def draft_badge(record) -> str:
    """The mark of a draft that staff see beside its link: what the include
    catalog/includes/draft.html writes, without an include's cost (a document's page marks
    a dozen records or more)."""
    return _DRAFT_BADGE if getattr(record, "status", None) == "draft" else ""
