"""The candidate's status page: links from real mail, and the cache its rate limit counts in."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from ghostless.status.links import status_url
from tests.messaging.conftest import smtp  # noqa: F401 (the real SMTP server fixture)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The fresh-link counters live in the cache: no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def path_of(url: str) -> str:
    return urlsplit(url).path


def token_of(url: str) -> str:
    return path_of(url).rstrip("/").rsplit("/", 1)[-1]


def page_path(candidate) -> str:
    return path_of(status_url(candidate))


def status_link_in(text: str) -> str:
    """The status page address in an email's footer line "See where you stand: <url>"."""
    [line] = [line for line in text.splitlines() if line.startswith("See where you stand: ")]
    return line.split()[-1]
