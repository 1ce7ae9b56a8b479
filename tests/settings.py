"""Test settings: the real ones, with fast hashing and tasks run eagerly."""

import os

from ghostless.settings import *  # noqa: F403
from ghostless.settings import HUEY

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = HUEY | {"immediate": True}
PHONE_DEFAULT_REGION = "US"
TIME_ZONE = "UTC"
HOLIDAYS_COUNTRY = "US"

if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    # A name per process, so suites run side by side on one server do not collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_ghostless_{os.getpid()}"}  # noqa: F405
