"""Test settings: the real ones, with fast hashing and tasks run eagerly."""

import os

from ghostless.settings import *  # noqa: F403
from ghostless.settings import HUEY

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = HUEY | {"immediate": True}
PHONE_DEFAULT_REGION = "US"
TIME_ZONE = "UTC"
HOLIDAYS_COUNTRY = "US"
# Per process, so counters (rate limits) never leak between test runs or xdist workers.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that move the clock by days keep their session; tests/accounts turns the idle limit on.
SESSION_IDLE_MINUTES = 0

if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    # A name per process, so suites run side by side on one server do not collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_ghostless_{os.getpid()}"}  # noqa: F405
