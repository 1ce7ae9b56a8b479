"""Single sign-on against a real OpenID Connect provider on loopback (oidc_provider.py):
the whole authorization-code flow with PKCE, the email-domain allow-list and role mapping."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from ghostless.accounts.models import Role, User
from ghostless.timeline.models import AuditEntry
from tests.accounts.oidc_provider import Provider

CLIENT_ID, CLIENT_SECRET = "ghostless-tests", "s3cret-for-tests"


@pytest.fixture
def provider():
    running = Provider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    with (
        running,
        override_settings(
            SSO_ENABLED=True,
            OIDC_ISSUER=running.url,
            OIDC_RP_CLIENT_ID=CLIENT_ID,
            OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
            OIDC_ALLOWED_DOMAINS=["example.com"],
            OIDC_ROLE_CLAIM="groups",
            OIDC_ROLE_MAP={"ats-admins": "admin", "ats-recruiters": "recruiter"},
            OIDC_DEFAULT_ROLE="",
            AUTHENTICATION_BACKENDS=[
                *settings.AUTHENTICATION_BACKENDS,
                "ghostless.accounts.oidc.SsoBackend",
            ],
        ),
    ):
        yield running


def sso_login(client: Client, provider: Provider, claims: dict, *, tamper=None):
    provider.claims = claims
    start = client.get(reverse("oidc_authentication_init"), {"next": "/jobs/"})
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize")
    if tamper:
        tamper(client)
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    callback = urlparse(answer.headers["Location"])
    assert callback.path == reverse("oidc_authentication_callback")
    return client.get(callback.path, parse_qs(callback.query))


def test_a_new_person_signs_in_and_gets_the_mapped_role(db, provider):
    client = Client()
    claims = {
        "sub": "u1",
        "email": "Sam@Example.com",
        "given_name": "Sam",
        "groups": ["staff", "ats-recruiters"],
    }
    response = sso_login(client, provider, claims)
    assert response.status_code == 302 and response["Location"] == "/jobs/"
    user = User.objects.get(email="sam@example.com")
    assert user.role == Role.RECRUITER and user.first_name == "Sam"
    assert not user.has_usable_password()
    assert client.get(reverse("accounts:settings")).status_code == 200
    login = AuditEntry.objects.get(event="login", subject_id=user.pk)
    assert login.changes["method"] == [None, "single sign-on"]
    # PKCE: the provider was sent an S256 challenge.
    assert provider.seen_challenges[-1][1] == "S256"


def test_the_role_follows_the_provider_at_each_login(db, provider, recruiter):
    recruiter.email = "rita@example.com"
    recruiter.save()
    claims = {"sub": "rita", "email": "rita@example.com", "groups": "ats-admins"}
    assert sso_login(Client(), provider, claims).status_code == 302
    recruiter.refresh_from_db()
    assert recruiter.role == Role.ADMIN and recruiter.is_staff
    assert AuditEntry.objects.filter(event="role_changed_by_sso", subject_id=recruiter.pk).exists()


def test_a_domain_off_the_allow_list_is_refused(db, provider):
    client = Client()
    claims = {"sub": "x", "email": "mallory@evil.test", "groups": ["ats-admins"]}
    response = sso_login(client, provider, claims)
    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert not User.objects.filter(email="mallory@evil.test").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Single sign-on did not log you in" in page


def test_an_unmapped_newcomer_gets_no_account(db, provider):
    response = sso_login(Client(), provider, {"sub": "n", "email": "new@example.com", "groups": []})
    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert not User.objects.filter(email="new@example.com").exists()


def test_a_wrong_code_verifier_is_refused_by_the_provider(db, provider):
    def tamper(client):
        session = client.session
        for state in session["oidc_states"].values():
            state["code_verifier"] = "x" * 64
        session.save()

    claims = {"sub": "u1", "email": "sam@example.com", "groups": ["ats-recruiters"]}
    client = Client(raise_request_exception=False)
    response = sso_login(client, provider, claims, tamper=tamper)
    assert response.status_code >= 400 or response["Location"] != "/jobs/"
    assert not User.objects.filter(email="sam@example.com").exists()
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_the_login_page_offers_sso_and_can_switch_passwords_off(db, provider, recruiter):
    page = Client().get(reverse("login")).content.decode()
    assert "Sign in with SSO" in page and 'name="password"' in page
    with override_settings(LOCAL_PASSWORDS=False):
        client = Client()
        page = client.get(reverse("login")).content.decode()
        assert "Sign in with SSO" in page and 'name="password"' not in page
        refused = client.post(
            reverse("login"), {"username": recruiter.username, "password": "password"}
        )
        assert refused["Location"] == reverse("login")
        assert client.get(reverse("accounts:settings")).status_code == 302
        assert client.get(reverse("team:password_reset")).status_code == 404


def test_without_sso_configured_the_endpoints_do_not_exist(db):
    client = Client()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert "Sign in with SSO" not in client.get(reverse("login")).content.decode()
