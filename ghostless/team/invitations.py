"""The signed, expiring link in an invitation email.

The token signs the user's id and the moment they were invited, and expires INVITE_DAYS after
it was made. It stops working once the person has set a password (used), or when a newer
invitation was sent (its moment no longer matches).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ghostless.accounts.models import User

SALT = "ghostless.team.invitation"


class InvitationInvalid(Exception):
    """Why a link cannot be used, in words for the person holding it."""


def invitation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "at": user.invited_at.isoformat()}, salt=SALT)


def invitation_url(user: User) -> str:
    return settings.SITE_URL + reverse("team:accept", args=[invitation_token(user)])


def invitation_user(token: str) -> User:
    """The invited user the token names, or InvitationInvalid saying why not."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.INVITE_DAYS * 86400)
    except signing.SignatureExpired:
        raise InvitationInvalid(
            f"This invitation has expired: links work for {settings.INVITE_DAYS} days. "
            "Ask an admin to send you a new one."
        ) from None
    except signing.BadSignature:
        raise InvitationInvalid(
            "This invitation link is not valid. Check that you copied the whole link."
        ) from None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None or user.invited_at is None or user.invited_at.isoformat() != data.get("at"):
        raise InvitationInvalid(
            "This invitation is no longer valid: a newer one was sent, or it was withdrawn. "
            "Use the link in the latest invitation email."
        )
    if not user.invitation_pending:
        raise InvitationInvalid(
            "This invitation was already used. Log in with your username and password, "
            "or reset your password if you have forgotten it."
        )
    return user
