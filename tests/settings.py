"""Test settings: the real ones, with fast hashing and tasks run eagerly."""

from ghostless.settings import *  # noqa: F403
from ghostless.settings import HUEY

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = HUEY | {"immediate": True}
PHONE_DEFAULT_REGION = "US"
TIME_ZONE = "UTC"
