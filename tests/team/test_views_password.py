"""Password reset by email (through a real SMTP server) and the change-password page."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from tests.parsed_html import find, find_all, text, texts
from tests.team.conftest import link_in

NEW = "a-brand-new-passphrase"


def ask(client, email, capture):
    with capture(execute=True):
        return client.post("/password-reset/", {"email": email})


def test_the_login_page_links_to_the_reset():
    page = Client().get("/login/")
    assert find(page, "a", href="/password-reset/").text == "Forgot your password?"


def test_reset_from_mail_to_logged_in(recruiter, smtp, django_capture_on_commit_callbacks):
    visitor = Client()
    response = ask(visitor, "RITA@example.com", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    [mail] = smtp.messages
    assert mail["To"] == recruiter.email and mail["Subject"] == "Reset your Ghostless password"
    path = link_in(mail)

    form = visitor.get(path, follow=True)
    assert "For the account rita" in text(find(form, "div", class_="login"))
    set_password = form.redirect_chain[-1][0]
    weak = visitor.post(set_password, {"new_password1": "rita", "new_password2": "rita"})
    assert weak.status_code == 422
    response = visitor.post(set_password, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == "/"
    assert visitor.get("/", follow=True).context["user"] == recruiter
    recruiter.refresh_from_db()
    assert recruiter.check_password(NEW)

    # Used once: the same link now says so.
    again = Client().get(path, follow=True)
    assert "expired or was already used" in text(find(again, "p", role="alert"))


def test_the_answer_is_the_same_for_an_unknown_address(
    recruiter, smtp, django_capture_on_commit_callbacks
):
    known = ask(Client(), recruiter.email, django_capture_on_commit_callbacks)
    unknown = ask(Client(), "nobody@example.com", django_capture_on_commit_callbacks)
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m["To"] for m in smtp.messages] == [recruiter.email]
    sent = Client().get(unknown["Location"])
    assert "If an active account uses that address" in text(find(sent, "p", role="status"))


def test_a_deactivated_user_gets_no_reset_mail(recruiter, smtp, django_capture_on_commit_callbacks):
    recruiter.is_active = False
    recruiter.save()
    response = ask(Client(), recruiter.email, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and smtp.messages == []


def test_an_expired_reset_link_is_refused(
    recruiter, smtp, django_capture_on_commit_callbacks, settings
):
    ask(Client(), recruiter.email, django_capture_on_commit_callbacks)
    path = link_in(smtp.messages[0])
    later = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with time_machine.travel(later):
        page = Client().get(path, follow=True)
    assert "expired or was already used" in text(find(page, "p", role="alert"))
    assert find_all(page, "input", type="password") == []


def test_change_password_from_settings(recruiter_client, recruiter):
    settings_page = recruiter_client.get("/settings/")
    assert find(settings_page, "a", href="/settings/password/").text == "Change your password"
    wrong = recruiter_client.post(
        "/settings/password/",
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 422
    assert "incorrectly" in " ".join(texts(wrong, "ul", class_="errorlist"))
    common = recruiter_client.post(
        "/settings/password/",
        {"old_password": "password", "new_password1": "password1", "new_password2": "password1"},
    )
    assert "too common" in " ".join(texts(common, "ul", class_="errorlist"))
    response = recruiter_client.post(
        "/settings/password/",
        {"old_password": "password", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/settings/"
    assert "Your password is changed." in texts(response, "p", class_="flash")
    # Still logged in here, with the new password from now on.
    assert response.context["user"] == recruiter
    recruiter.refresh_from_db()
    assert recruiter.check_password(NEW)
    assert Client().login(username="rita", password=NEW)
