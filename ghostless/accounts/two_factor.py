"""Two-factor authentication: an authenticator app (TOTP, django-otp) and one-use recovery
codes (django-otp's static tokens). Codes are checked by django-otp, which also refuses a TOTP
code used twice and slows down repeated wrong guesses."""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ghostless.accounts.models import SecurityPolicy, User
from ghostless.core import hooks
from ghostless.core.errors import DomainError

RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def enabled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def required(user: User) -> bool:
    """The admin's policy makes this person's role use two factors for a password login."""
    return user.role in SecurityPolicy.current().two_factor_roles


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed app device enrolment shows; kept across reloads so the QR code stays."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG (no external service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for apps that cannot scan."""
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _new_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def enrol_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """The first code from the app proves it holds the key; returns the recovery codes,
    which exist only in this answer."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise DomainError("Start again: scan the new QR code.", field="code")
    if not device.verify_token(code.replace(" ", "")):
        raise DomainError(
            "That code is not right. Check the app's clock and try again.", field="code"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        hooks.account_event.send(
            actor=user, user=user, label=user.name, event="two_factor_enrolled", detail={}
        )
    return device, codes


def recovery_codes_renew(*, user: User) -> list[str]:
    if not enabled(user):
        raise DomainError("Turn on two-factor authentication first.")
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        hooks.account_event.send(
            actor=user, user=user, label=user.name, event="recovery_codes_renewed", detail={}
        )
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).count()


def disable(*, user: User, code: str) -> None:
    """Off, with a current code as proof; refused where the policy requires it."""
    if required(user):
        raise DomainError("Your role must use two-factor authentication; it cannot be turned off.")
    if verify(user=user, code=code) is None:
        raise DomainError("That code is not right.", field="code")
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        hooks.account_event.send(
            actor=user, user=user, label=user.name, event="two_factor_disabled", detail={}
        )


def verify(*, user: User, code: str):
    """The device that accepts `code` (an app code or a recovery code, used up), or None."""
    code = code.strip().replace(" ", "").replace("-", "").lower()
    if not code or len(code) > 16:
        return None
    with transaction.atomic():
        # Each device throttles its own wrong guesses (django-otp's ThrottlingMixin).
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(code):
                return device
    return None


def method_of(device) -> str:
    return "recovery code" if isinstance(device, StaticDevice) else "authenticator app"
