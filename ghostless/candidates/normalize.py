"""Canonical forms for contact details, so one human has one record."""

import re

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ghostless.core.errors import DomainError


def normalize_email(raw: str, *, field: str = "emails") -> str:
    email = raw.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(f"“{raw}” is not a valid email address.", field=field) from None
    return email


def normalize_phone(raw: str) -> str:
    """E.164, reading numbers without a country code in the default region."""
    try:
        number = phonenumbers.parse(raw, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise DomainError(f"“{raw}” is not a valid phone number.", field="phones")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    number = phonenumbers.parse(e164)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


SKILLS_MAX_LENGTH = 500


def normalize_skills(raw: str) -> str:
    """Comma-separated skills, trimmed, without empties or repeats (case-insensitive); for
    candidates and jobs alike."""
    skills: dict[str, str] = {}
    for part in (raw or "").split(","):
        skill = " ".join(part.split())
        if skill:
            skills.setdefault(skill.lower(), skill)
    text = ", ".join(skills.values())
    if len(text) > SKILLS_MAX_LENGTH:
        raise DomainError(
            f"Keep the skills to {SKILLS_MAX_LENGTH} characters or fewer.",
            field="skills",
        )
    return text


def linkedin_key(url: str) -> str:
    """A LinkedIn address reduced to what identifies the profile: no scheme, `www.` or
    country subdomain, query, fragment or trailing slash; lower-cased. Anything else gives ""."""
    text = url.strip().lower().split("#", 1)[0].split("?", 1)[0]
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text).rstrip("/")
    host, _, path = text.partition("/")
    if not path or not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return ""
    return f"linkedin.com/{path}"
