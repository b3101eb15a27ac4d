"""Resumption tokens: the original request and the position in its list, signed.

A token carries the verb, the format, the set, the datestamp window as asked, the key
(datestamp, kind, id) of the last entry sent and the cursor (how many were sent before).
It is signed with the site's secret key and dated, so that a token altered, garbled,
issued by another site or older than ``OAI_TOKEN_SECONDS`` is refused as a
``badResumptionToken``. Nothing is kept on the server: any worker can resume any harvest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing

SALT = "catalog.opendata.oai.tokens"


class BadToken(ValueError):
    """A resumption token that cannot be honoured."""


def lifetime() -> int:
    return int(getattr(settings, "OAI_TOKEN_SECONDS", 24 * 3600))


@dataclass(frozen=True)
class Token:
    verb: str
    prefix: str
    set_spec: str
    since: str  # the ``from`` argument as given
    until: str
    last: tuple  # (datestamp, kind order, id) of the last entry sent
    cursor: int  # entries sent before the next page

    def encode(self) -> str:
        stamp, order, pk = self.last
        payload = {
            "v": self.verb,
            "p": self.prefix,
            "s": self.set_spec,
            "f": self.since,
            "u": self.until,
            "k": [stamp.astimezone(UTC).isoformat(), order, pk],
            "c": self.cursor,
        }
        return signing.dumps(payload, salt=SALT, compress=True)

    @classmethod
    def decode(cls, value: str, verb: str) -> Token:
        try:
            payload = signing.loads(value, salt=SALT, max_age=lifetime())
        except signing.SignatureExpired as error:
            raise BadToken("The resumptionToken has expired; start the harvest again.") from error
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise BadToken("The resumptionToken is not one this repository issued.") from error
        try:
            stamp, order, pk = payload["k"]
            token = cls(
                verb=payload["v"],
                prefix=payload["p"],
                set_spec=payload["s"],
                since=payload["f"],
                until=payload["u"],
                last=(datetime.fromisoformat(stamp), int(order), int(pk)),
                cursor=int(payload["c"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BadToken("The resumptionToken is not one this repository issued.") from error
        if token.verb != verb:
            raise BadToken(f"The resumptionToken belongs to {token.verb}, not {verb}.")
        return token


def expiration() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=lifetime())
