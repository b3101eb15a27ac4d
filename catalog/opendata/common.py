"""What every exchange format shares: the repository's name, language codes, and the
published records a page of descriptions refers to, loaded in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pycountry
from django.conf import settings

#: Builds an absolute URL from a site path: ``request.build_absolute_uri``.
Absolute = Callable[[str], str]


def repository_name() -> str:
    return getattr(settings, "OAI_REPOSITORY_NAME", "Liaison")


def iso639_2b(code: str) -> str:
    """The ISO 639-2/B code archival formats expect ('ger' for 'de'); the code as stored
    when it is not a known ISO 639-1 code."""
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    if language is None:
        return code
    return getattr(language, "bibliographic", None) or language.alpha_3


@dataclass(frozen=True)
class Context:
    """How a builder turns a record into a link."""

    absolute: Absolute

    def url(self, record) -> str:
        return self.absolute(record.get_absolute_url())
