import hashlib
import secrets
import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    RECRUITER = "recruiter", "Recruiter"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    # Sees only the interviews they are on, each with its kit and that candidate's resume.
    INTERVIEWER = "interviewer", "Interviewer"


TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RECRUITER)
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    # Hour of the day, in time_zone, at which the follow-up digest is mailed; None for no digest.
    digest_hour = models.PositiveSmallIntegerField(null=True, blank=True, default=8)
    # The local date of the last digest, so a user gets at most one a day.
    digest_sent_on = models.DateField(null=True, blank=True)
    # Set when an admin invites the person by email; the link is signed with this moment, so
    # sending a new invitation retires the old link (ghostless/team/invitations.py).
    invited_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Raised by "sign out everywhere": every session signed with the earlier value stops working.
    session_epoch = models.PositiveIntegerField(default=0)

    def _get_session_auth_hash(self, secret=None):
        """Django's session hash (password-based), plus the epoch: a password change or a
        "sign out everywhere" ends every session, on any session backend."""
        return salted_hmac(
            "ghostless.accounts.User.session",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_hiring_manager(self) -> bool:
        return self.role == Role.HIRING_MANAGER

    @property
    def is_interviewer(self) -> bool:
        return self.role == Role.INTERVIEWER

    @property
    def invitation_pending(self) -> bool:
        """Invited and not yet joined: inactive until they set a password from the link."""
        return self.invited_at is not None and not self.is_active and not self.has_usable_password()

    @property
    def sees_everything(self) -> bool:
        """Admins and recruiters see every job and candidate."""
        return self.role in (Role.ADMIN, Role.RECRUITER)

    def __str__(self) -> str:
        return self.name


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # None: works until revoked.
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @staticmethod
    def new_raw_key() -> str:
        return "gl_" + secrets.token_urlsafe(32)


class SecurityPolicy(models.Model):
    """The one row of account rules an admin sets (/settings/security/)."""

    # Roles whose members must use two-factor authentication to log in with a password.
    two_factor_roles = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "security policy"

    def __str__(self) -> str:
        return "Security policy"

    @classmethod
    def current(cls) -> "SecurityPolicy":
        return cls.objects.filter(pk=1).first() or cls(pk=1)
