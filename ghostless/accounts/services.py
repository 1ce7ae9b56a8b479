"""Users and API tokens."""

import zoneinfo
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import ApiToken, Role, User, hash_token
from ghostless.core import hooks
from ghostless.core.errors import Conflict, DomainError


def user_create(
    *,
    username: str,
    role: str,
    email: str = "",
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create a user; without a password the account cannot log in until one is set."""
    username = username.strip()
    if not username:
        raise DomainError("A username is required.", field="username")
    if role not in Role.values:
        raise DomainError(f"Role must be one of: {', '.join(Role.values)}.", field="role")
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(f"There is already a user called {username}.", field="username")
    user = User(
        username=username,
        role=role,
        email=email.strip().lower(),
        first_name=first_name,
        last_name=last_name,
        is_staff=role == Role.ADMIN,
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


TOKEN_MAX_DAYS = 3650


def api_token_create(
    *, user: User, name: str = "", expires_in_days: int | None = None
) -> tuple[ApiToken, str]:
    """Return the stored token and its raw value, which is never stored or shown again.
    `expires_in_days` None: the token works until revoked."""
    if expires_in_days is not None and not 1 <= expires_in_days <= TOKEN_MAX_DAYS:
        raise DomainError(f"Choose from 1 to {TOKEN_MAX_DAYS} days.", field="expires_in_days")
    raw = ApiToken.new_raw_key()
    expires_at = (
        timezone.now() + timedelta(days=expires_in_days) if expires_in_days is not None else None
    )
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100],
            prefix=raw[3:11],
            key_hash=hash_token(raw),
            expires_at=expires_at,
        )
        hooks.account_event.send(
            actor=user,
            user=user,
            label=user.name,
            event="api_token_created",
            detail={
                "token": [None, f"{token.prefix}… {token.name}".strip()],
                "expires_at": [None, expires_at.isoformat() if expires_at else "never"],
            },
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> None:
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            hooks.account_event.send(
                actor=actor or token.user,
                user=token.user,
                label=token.user.name,
                event="api_token_revoked",
                detail={"token": [f"{token.prefix}… {token.name}".strip(), None]},
            )


def api_token_authenticate(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    now = timezone.now()
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    # Note use at most once a minute, so reads do not turn into writes on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_profile_update(
    *, user: User, first_name: str, last_name: str, email: str, time_zone: str
) -> User:
    """A user changes their own name, email and the zone their times are shown in."""
    if time_zone not in zoneinfo.available_timezones():
        raise DomainError("Choose a time zone from the list.", field="time_zone")
    email = email.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(f"“{email}” is not a valid email address.", field="email") from None
    user.first_name, user.last_name = first_name.strip()[:150], last_name.strip()[:150]
    user.email, user.time_zone = email, time_zone
    user.save(update_fields=["first_name", "last_name", "email", "time_zone"])
    return user


def user_digest_hour_set(*, user: User, hour: int | None) -> User:
    """The hour of the day (0-23, in the user's zone) for the follow-up digest; None for none."""
    if hour is not None and not 0 <= hour <= 23:
        raise DomainError("Choose an hour from 0 to 23.", field="digest_hour")
    user.digest_hour = hour
    user.save(update_fields=["digest_hour"])
    return user
