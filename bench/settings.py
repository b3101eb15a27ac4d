"""Settings for ``bench/pages.py``: production settings, served on 127.0.0.1 over plain HTTP,
with one extra page that touches no database (``bench.urls``), the baseline of every figure.

Only the bench names this module (``DJANGO_SETTINGS_MODULE=bench.settings``); the deployed
site never serves the extra page. ``LIAISON_BENCH_CACHE=off`` replaces every configured cache
with Django's dummy cache, to measure the pages uncached.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("LIAISON_PLAIN_STATIC", "1")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "0")

from config.settings import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
# The baseline page must touch no database: not even the catalog version of conditional GET.
CONDITIONAL_GET_EXEMPT = ("/bench/",)
DEBUG = False
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

if os.environ.get("LIAISON_BENCH_CACHE") == "off":
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in globals().get("CACHES", {"default": None})
    }
