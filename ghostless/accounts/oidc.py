"""Single sign-on with OpenID Connect (mozilla-django-oidc): authorization code with PKCE
(S256), ID tokens signed by the provider's keys (JWKS) and checked for audience and issuer,
an allow-list of email domains, and roles mapped from a claim.

Endpoints come from OIDC_ISSUER's discovery document (read once per process) unless set one
by one (OIDC_AUTHORIZATION_ENDPOINT, ...)."""

import functools
import logging

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.urls import path
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from ghostless.accounts.models import Role, User
from ghostless.accounts.security_log import log_event

log = logging.getLogger(__name__)

DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


@functools.cache
def discovery(issuer: str) -> dict:
    url = f"{issuer}/.well-known/openid-configuration"
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured(f"{url} names another issuer: {document.get('issuer')!r}")
    return document


def sso_setting(attr: str, *args):
    """A setting, or the endpoint the issuer's discovery document names for it."""
    value = import_from_settings(attr, *args)
    if not value and attr in DISCOVERED and settings.OIDC_ISSUER:
        return discovery(settings.OIDC_ISSUER)[DISCOVERED[attr]]
    return value


def email_allowed(email: str) -> bool:
    domain = email.rpartition("@")[2].lower()
    allowed = settings.OIDC_ALLOWED_DOMAINS
    return bool(domain) and (not allowed or domain in allowed)


def role_from(claims: dict) -> str | None:
    """The first mapped value of the role claim (a string or a list); else the default."""
    values = claims.get(settings.OIDC_ROLE_CLAIM) if settings.OIDC_ROLE_CLAIM else None
    if isinstance(values, str):
        values = [values]
    for value in values or []:
        role = settings.OIDC_ROLE_MAP.get(str(value))
        if role in Role.values:
            return role
    default = settings.OIDC_DEFAULT_ROLE
    return default if default in Role.values else None


def _username_for(email: str) -> str:
    base = email.partition("@")[0][:140] or "user"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


class SsoBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(sso_setting)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued to another client.")
        if settings.OIDC_ISSUER and payload.get("iss", "").rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def verify_claims(self, claims):
        email = claims.get("email", "")
        if not email or claims.get("email_verified") is False:
            return False
        if not email_allowed(email):
            log.warning("single sign-on refused for %s: domain not allowed", email)
            return False
        # Nobody without a role: an unmapped person needs OIDC_DEFAULT_ROLE or an invitation.
        return role_from(claims) is not None or self.filter_users_by_claims(claims).exists()

    def create_user(self, claims):
        email = claims["email"].strip().lower()
        user = User(
            username=_username_for(email),
            email=email,
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
            role=role_from(claims),
        )
        user.is_staff = user.role == Role.ADMIN
        user.set_unusable_password()
        user.save()
        log_event("user_created_by_sso", user=user, role=user.role)
        return user

    def update_user(self, user, claims):
        """The provider's role claim wins at every login, so a change there reaches here."""
        role = role_from(claims) if settings.OIDC_ROLE_CLAIM else None
        if role and role != user.role:
            log_event("role_changed_by_sso", user=user, role=role, previous_role=user.role)
            user.role, user.is_staff = role, role == Role.ADMIN
            user.save(update_fields=["role", "is_staff"])
        return user


class SsoStart(OIDCAuthenticationRequestView):
    get_settings = staticmethod(sso_setting)

    def get(self, request):
        if not settings.SSO_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return super().get(request)


class SsoCallback(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(sso_setting)

    def get(self, request):
        if not settings.SSO_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        log_event("login", user=self.user, request=self.request, method="single sign-on")
        return response


def _public(view):
    view.login_required = False
    return view


urlpatterns = [
    path("callback/", _public(SsoCallback.as_view()), name="oidc_authentication_callback"),
    path("authenticate/", _public(SsoStart.as_view()), name="oidc_authentication_init"),
]
