from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ghostless.accounts.models import ApiToken, User
from ghostless.accounts.services import api_token_authenticate
from tests.api_clients import ApiClient


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_user_with_a_role(db):
    output = run("create_user", "hugo", "--role", "hiring_manager", "--email", "Hugo@Example.com")
    user = User.objects.get(username="hugo")
    assert user.role == "hiring_manager"
    assert user.email == "hugo@example.com"
    assert not user.has_usable_password()
    assert "hugo" in output


def test_create_user_with_a_password_can_log_in(db):
    run("create_user", "ada", "--role", "admin", "--password", "correct horse battery")
    user = User.objects.get(username="ada")
    assert user.check_password("correct horse battery")
    assert user.is_staff


def test_create_user_refuses_a_bad_role(db):
    with pytest.raises(CommandError, match="invalid choice: 'boss'"):
        run("create_user", "hugo", "--role", "boss")
    assert not User.objects.filter(username="hugo").exists()


def test_create_user_refuses_a_duplicate_username(recruiter):
    with pytest.raises(CommandError, match="already a user called RITA"):
        run("create_user", "RITA", "--role", "recruiter")
    assert User.objects.filter(username__iexact="rita").count() == 1


def test_create_user_refuses_a_weak_password(db):
    with pytest.raises(CommandError, match="too short"):
        run("create_user", "hugo", "--role", "recruiter", "--password", "abc")
    assert not User.objects.filter(username="hugo").exists()


def test_create_api_token_prints_a_working_token_on_its_last_line(recruiter):
    output = run("create_api_token", "rita")
    raw = output.strip().splitlines()[-1]
    assert api_token_authenticate(raw) == recruiter
    assert ApiClient(raw).get("/me").json()["username"] == "rita"
    token = ApiToken.objects.get(user=recruiter)
    assert token.key_hash != raw
    assert raw not in token.key_hash


def test_each_token_is_new(recruiter):
    first = run("create_api_token", "rita").strip().splitlines()[-1]
    second = run("create_api_token", "rita", "--name", "CI").strip().splitlines()[-1]
    assert first != second
    assert ApiToken.objects.filter(user=recruiter).count() == 2


def test_create_api_token_for_an_unknown_user_fails(db):
    with pytest.raises(CommandError, match="No user called nobody"):
        run("create_api_token", "nobody")
    assert not ApiToken.objects.exists()


def test_create_api_token_for_an_inactive_user_fails(recruiter):
    recruiter.is_active = False
    recruiter.save()
    with pytest.raises(CommandError, match="not active"):
        run("create_api_token", "rita")
