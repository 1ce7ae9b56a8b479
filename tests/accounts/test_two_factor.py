"""Two-factor authentication: enrolment with a QR code, the code asked after the password,
recovery codes shown once and usable once, and the admin's policy that makes a role enrol."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ghostless.accounts import two_factor
from ghostless.accounts.models import Role, SecurityPolicy
from ghostless.timeline.models import AuditEntry
from tests.browser_fixtures import FACTORY_PASSWORD


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def password_login(user, **extra):
    client = Client()
    response = client.post(
        reverse("login"), {"username": user.username, "password": FACTORY_PASSWORD, **extra}
    )
    return client, response


@pytest.fixture
def enrolled(recruiter):
    """Rita has the app and her ten recovery codes."""
    device = two_factor.pending_device(recruiter)
    _, codes = two_factor.enrol_confirm(user=recruiter, code=code_for(device))
    device.refresh_from_db()
    return device, codes


def test_enrolment_shows_a_qr_code_and_turns_on_with_the_apps_code(recruiter_client, recruiter):
    url = reverse("accounts:two_factor")
    page = recruiter_client.get(url)
    html = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert "<svg" in html and "Enter this key by hand" in html
    device = TOTPDevice.objects.get(user=recruiter, confirmed=False)

    wrong = recruiter_client.post(url, {"action": "enrol", "code": "000000"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp slows the next try after a wrong one
    device.save()

    done = recruiter_client.post(url, {"action": "enrol", "code": code_for(device)})
    html = done.content.decode()
    assert "Save these now: they are not shown again." in html
    assert html.count("<li><code>") == 10
    assert two_factor.enabled(recruiter)
    assert AuditEntry.objects.filter(event="two_factor_enrolled", subject_id=recruiter.pk).exists()
    # Shown once: the page afterwards only counts them.
    again = recruiter_client.get(url).content.decode()
    assert "10 unused recovery codes" in again and "<li><code>" not in again


def test_login_asks_for_the_code_after_the_password(enrolled, recruiter):
    device, _ = enrolled
    client, response = password_login(recruiter)
    assert response.status_code == 302 and response["Location"] == reverse("login_verify")
    # Not logged in yet: the password alone opens nothing.
    assert client.get(reverse("home")).status_code == 302
    wrong = client.post(reverse("login_verify"), {"code": "123456"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the next right code is not slowed down for the test
    device.save()
    right = client.post(reverse("login_verify"), {"code": code_for(device, offset=1)})
    assert right.status_code == 302 and right["Location"] == "/"
    assert client.get(reverse("accounts:settings")).status_code == 200
    entry = AuditEntry.objects.filter(event="login", subject_id=recruiter.pk).get()
    assert entry.changes["method"] == [None, "password + authenticator app"]


def test_a_code_works_once(enrolled, recruiter):
    device, _ = enrolled
    code = code_for(device, offset=1)
    first, _ = password_login(recruiter)
    assert first.post(reverse("login_verify"), {"code": code})["Location"] == "/"
    second, _ = password_login(recruiter)
    assert second.post(reverse("login_verify"), {"code": code}).status_code == 422


def test_a_recovery_code_logs_in_once(enrolled, recruiter):
    _, codes = enrolled
    client, _ = password_login(recruiter)
    assert client.post(reverse("login_verify"), {"code": codes[0].upper()})["Location"] == "/"
    assert two_factor.recovery_codes_left(recruiter) == 9
    entry = AuditEntry.objects.filter(event="login", subject_id=recruiter.pk).get()
    assert entry.changes["method"] == [None, "password + recovery code"]
    again, _ = password_login(recruiter)
    assert again.post(reverse("login_verify"), {"code": codes[0]}).status_code == 422


def test_too_many_wrong_codes_send_back_to_the_password(enrolled, recruiter):
    client, _ = password_login(recruiter)
    for _ in range(4):
        assert client.post(reverse("login_verify"), {"code": "111111"}).status_code == 422
    last = client.post(reverse("login_verify"), {"code": "111111"}, follow=True)
    assert "Too many wrong codes" in last.content.decode()
    assert client.get(reverse("login_verify"))["Location"] == reverse("login")


def test_a_role_made_to_enrol_is_sent_to_enrolment_after_login(recruiter):
    SecurityPolicy.objects.create(pk=1, two_factor_roles=[Role.RECRUITER])
    client, response = password_login(recruiter)
    assert response["Location"] == reverse("accounts:two_factor")
    # Every other page sends them back until they have enrolled.
    assert client.get(reverse("candidates:list"))["Location"] == reverse("accounts:two_factor")
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "Your team requires two-factor authentication." in page
    device = TOTPDevice.objects.get(user=recruiter)
    client.post(reverse("accounts:two_factor"), {"action": "enrol", "code": code_for(device)})
    assert client.get(reverse("candidates:list")).status_code == 200
    # Required: it cannot be turned off.
    off = client.post(
        reverse("accounts:two_factor"), {"action": "disable", "code": code_for(device, 1)}
    )
    assert off.status_code == 422 and two_factor.enabled(recruiter)


def test_admin_sets_the_policy_and_it_is_audited(admin_client_, admin, recruiter_client):
    url = reverse("accounts:security")
    response = admin_client_.post(url, {"two_factor_roles": ["admin", "recruiter"]})
    assert response.status_code == 302
    assert SecurityPolicy.current().two_factor_roles == ["admin", "recruiter"]
    assert AuditEntry.objects.filter(event="two_factor_policy_changed", actor=admin).exists()
    assert recruiter_client.get(url).status_code == 404
    assert recruiter_client.post(url, {"two_factor_roles": []}).status_code == 403


def test_turning_it_off_needs_a_current_code(enrolled, recruiter, recruiter_client):
    device, _ = enrolled
    url = reverse("accounts:two_factor")
    assert recruiter_client.post(url, {"action": "disable", "code": "000000"}).status_code == 422
    assert two_factor.enabled(recruiter)
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    recruiter_client.post(url, {"action": "disable", "code": code_for(device, offset=1)})
    assert not two_factor.enabled(recruiter)
    assert AuditEntry.objects.filter(event="two_factor_disabled").exists()


def test_a_password_reset_does_not_skip_the_second_factor(enrolled, recruiter):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    client = Client()
    uid = urlsafe_base64_encode(force_bytes(recruiter.pk))
    token = default_token_generator.make_token(recruiter)
    first = client.get(reverse("team:password_reset_confirm", args=[uid, token]))
    new = "a-much-longer-passphrase-42"
    done = client.post(first["Location"], {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("login")
    assert client.get(reverse("accounts:settings")).status_code == 302
