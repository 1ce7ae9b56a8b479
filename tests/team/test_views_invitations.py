"""An admin invites a colleague from the Team page; the mail arrives at a real SMTP server; the
link lets them choose a password once, within INVITE_DAYS, and logs them in."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from ghostless.accounts.models import User
from tests.parsed_html import find, text, texts
from tests.team.conftest import link_in


def invite(client, capture, **fields):
    data = {"name": "Nina Newcomer", "email": "Nina@Example.com", "role": "recruiter"} | fields
    with capture(execute=True):
        return client.post("/settings/team/invite/", data)


PASSPHRASE = "a-long-fresh-passphrase"


def accept(client, path, password=PASSPHRASE):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_invitation_from_mail_to_logged_in(
    admin_client_, admin, smtp, django_capture_on_commit_callbacks
):
    response = invite(admin_client_, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    nina = User.objects.get(email="nina@example.com")
    assert (nina.username, nina.first_name, nina.last_name) == ("nina", "Nina", "Newcomer")
    assert not nina.is_active and nina.invited_by == admin

    [mail] = smtp.messages
    assert mail["To"] == "nina@example.com"
    assert mail["Subject"] == "Alice Admin invited you to join Ghostless Demo Co on Ghostless"
    path = link_in(mail)
    assert "Your username is nina" in mail.get_body(preferencelist=("plain",)).get_content()

    visitor = Client()
    page = visitor.get(path)
    assert page.status_code == 200
    assert "Your username is nina" in text(find(page, "div", class_="login"))
    response = accept(visitor, path)
    assert response.status_code == 302 and response["Location"] == "/"
    home = visitor.get("/", follow=True)
    assert home.context["user"] == nina
    nina.refresh_from_db()
    assert nina.is_active and nina.check_password(PASSPHRASE)
    assert nina.last_login is not None

    # Used: the link answers with words, not a form, and changes nothing.
    again = Client().get(path)
    assert again.status_code == 410
    assert "already used" in text(find(again, "p", role="alert"))
    assert accept(Client(), path, "another-passphrase-9").status_code == 410
    nina.refresh_from_db()
    assert nina.check_password(PASSPHRASE)


def test_the_team_page_shows_the_invitation_until_it_is_accepted(
    admin_client_, smtp, django_capture_on_commit_callbacks
):
    invite(admin_client_, django_capture_on_commit_callbacks)
    page = admin_client_.get("/settings/team/")
    row = next(r for r in page.context["rows"] if r["person"].username == "nina")
    assert row["person"].invitation_pending
    assert "Invited" in texts(page, "span", class_="badge")
    accept(Client(), link_in(smtp.messages[0]))
    page = admin_client_.get("/settings/team/")
    nina = next(r["person"] for r in page.context["rows"] if r["person"].username == "nina")
    assert nina.is_active and not nina.invitation_pending


def test_an_expired_invitation_is_refused_with_a_reason(
    admin_client_, smtp, django_capture_on_commit_callbacks, settings
):
    settings.INVITE_DAYS = 7
    invite(admin_client_, django_capture_on_commit_callbacks)
    path = link_in(smtp.messages[0])
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert Client().get(path).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        page = Client().get(path)
        assert page.status_code == 410
        assert "expired" in text(find(page, "p", role="alert"))
        assert accept(Client(), path).status_code == 410
    assert not User.objects.get(username="nina").is_active


def test_sending_again_retires_the_old_link(
    admin_client_, smtp, django_capture_on_commit_callbacks
):
    invite(admin_client_, django_capture_on_commit_callbacks)
    nina = User.objects.get(username="nina")
    with (
        time_machine.travel(timezone.now() + timedelta(days=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert admin_client_.post(f"/settings/team/{nina.pk}/resend/").status_code == 302
    first, second = (link_in(mail) for mail in smtp.messages)
    assert first != second
    old = Client().get(first)
    assert old.status_code == 410 and "newer one" in text(find(old, "p", role="alert"))
    assert accept(Client(), second).status_code == 302


def test_a_forged_link_is_refused():
    page = Client().get("/invitation/not-a-real-token/")
    assert page.status_code == 410
    assert "not valid" in text(find(page, "p", role="alert"))


def test_a_weak_password_is_refused_by_the_validators(
    admin_client_, smtp, django_capture_on_commit_callbacks
):
    invite(admin_client_, django_capture_on_commit_callbacks)
    path = link_in(smtp.messages[0])
    response = accept(Client(), path, "password")
    assert response.status_code == 422
    assert "too common" in " ".join(texts(response, "ul", class_="errorlist"))
    assert not User.objects.get(username="nina").is_active
    assert Client().get(path).status_code == 200


def test_an_address_already_in_use_is_refused_next_to_the_field(
    admin_client_, recruiter, django_capture_on_commit_callbacks
):
    response = invite(admin_client_, django_capture_on_commit_callbacks, email=recruiter.email)
    assert response.status_code == 422
    assert "already uses" in " ".join(texts(response, "ul", class_="errorlist"))
    assert User.objects.filter(email=recruiter.email).count() == 1


def test_a_taken_username_gets_a_number(
    admin_client_, recruiter, smtp, django_capture_on_commit_callbacks
):
    invite(admin_client_, django_capture_on_commit_callbacks, email="rita@elsewhere.test")
    assert User.objects.get(email="rita@elsewhere.test").username == "rita2"
