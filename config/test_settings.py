"""Settings for the test suite: the production settings, with a throwaway key.

Tests run with DEBUG off, as production does; they need a secret key, and it
must never be a fixed one.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
# Collected, hashed static files are a deployment step; tests serve them plainly.
os.environ.setdefault("LIAISON_PLAIN_STATIC", "1")

# The test servers speak plain HTTP on localhost.
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "0")

from config.settings import *  # noqa: E402, F403

# Tests create, empty and drop their databases, and the live server answers from threads:
# there a connection per request, as before, unless CONN_MAX_AGE says otherwise.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 0)  # noqa: F405

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# WhiteNoise warns on every request when the collected-static folder is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
