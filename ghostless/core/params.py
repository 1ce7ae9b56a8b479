"""Reading what forms post: a bad value is an answer (None, the default), never a 500."""

import uuid

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def posted_ids(values: list[str]) -> set[int] | None:
    """The posted ids, or None when one of them is not a number."""
    try:
        return {int(value) for value in values}
    except ValueError:
        return None


def posted_int(value) -> int | None:
    """The number posted, or None when it is missing or not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def posted_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def next_url(request: HttpRequest, default: str) -> str:
    """The posted `next` when it stays on this site, else `default`: no open redirects."""
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default
