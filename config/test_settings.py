"""Settings for the test suite: the production settings, with a throwaway key.

Tests run with DEBUG off, as production does; they need a secret key, and it
must never be a fixed one.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
# Collected, hashed static files are a deployment step; tests serve them plainly.
os.environ.setdefault("LIAISON_PLAIN_STATIC", "1")

from config.settings import *  # noqa: E402, F403
