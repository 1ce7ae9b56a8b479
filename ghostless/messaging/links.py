"""Signed, expiring links a candidate clicks without logging in: made here for the merge fields
of our email (`rendering.merge_context`), read by the pages they open (`pools.public_views`).

"Keep me in mind" carries the candidate and the pool; "unsubscribe" the candidate. Both are
signed with the SECRET_KEY (TimestampSigner, a salt per kind), so they cannot be forged. The
salts keep the names they were born with: links already in inboxes are signed with them.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

KEEP_SALT = "ghostless.pools.keep-in-touch"
UNSUBSCRIBE_SALT = "ghostless.pools.unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=365 * 3)


def keep_in_touch_url(*, candidate_id: int, pool_id: int) -> str:
    token = signing.TimestampSigner(salt=KEEP_SALT).sign_object({"c": candidate_id, "p": pool_id})
    return settings.SITE_URL + reverse("pools:keep_in_touch", args=[token])


def unsubscribe_url(*, candidate_id: int) -> str:
    token = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object({"c": candidate_id})
    return settings.SITE_URL + reverse("pools:unsubscribe", args=[token])


def read_keep_in_touch(token: str) -> tuple[int, int]:
    """(candidate id, pool id); raises signing.BadSignature (or SignatureExpired)."""
    data = signing.TimestampSigner(salt=KEEP_SALT).unsign_object(
        token, max_age=timedelta(days=settings.CONSENT_LINK_DAYS)
    )
    return int(data["c"]), int(data["p"])


def read_unsubscribe(token: str) -> int:
    data = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign_object(
        token, max_age=UNSUBSCRIBE_MAX_AGE
    )
    return int(data["c"])
