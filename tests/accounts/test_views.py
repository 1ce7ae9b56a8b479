from django.test import Client

from ghostless.accounts.models import ApiToken, hash_token
from ghostless.accounts.services import api_token_authenticate, api_token_create
from tests.conftest import client_for


def test_anonymous_visitor_is_sent_to_login_for_candidates(db):
    response = Client().get("/candidates/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/candidates/"


def test_login_page_renders_a_labelled_form(db):
    response = Client().get("/login/")
    assert response.status_code == 200
    assert b'<label for="id_username"' in response.content
    assert b'<label for="id_password"' in response.content


def test_login_works_and_lands_on_the_candidate_list(recruiter):
    client = Client()
    response = client.post(
        "/login/", {"username": "rita", "password": "password", "next": "/candidates/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/candidates/"
    assert client.get("/candidates/").status_code == 200


def test_wrong_password_shows_an_error_and_no_session(recruiter):
    client = Client()
    response = client.post("/login/", {"username": "rita", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert client.get("/candidates/").status_code == 302


def test_logout_by_post_ends_the_session(recruiter_client):
    response = recruiter_client.post("/logout/")
    assert response.status_code == 302
    assert recruiter_client.get("/candidates/").status_code == 302


def test_settings_page_saves_name_email_and_time_zone(recruiter, recruiter_client):
    response = recruiter_client.post(
        "/settings/",
        {
            "first_name": "Rita",
            "last_name": "Ramos",
            "email": "Rita@Example.COM",
            "time_zone": "Europe/Berlin",
        },
    )
    assert response.status_code == 302
    recruiter.refresh_from_db()
    assert (recruiter.last_name, recruiter.email, recruiter.time_zone) == (
        "Ramos",
        "rita@example.com",
        "Europe/Berlin",
    )
    page = recruiter_client.get("/settings/")
    assert b"Your settings are saved." in page.content
    assert b'<option value="Europe/Berlin" selected>' in page.content


def test_settings_page_refuses_an_unknown_time_zone(recruiter, recruiter_client):
    response = recruiter_client.post(
        "/settings/", {"first_name": "R", "email": "", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 422
    assert b'aria-invalid="true"' in response.content
    recruiter.refresh_from_db()
    assert recruiter.time_zone == "UTC"


def test_creating_a_token_shows_the_raw_value_once_and_stores_only_its_hash(
    recruiter, recruiter_client
):
    response = recruiter_client.post("/settings/tokens/", {"name": "careers site"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=recruiter)
    raw = response.context["new_token"]["raw"]
    assert raw.encode() in response.content
    assert b"will not be shown again" in response.content
    assert token.key_hash == hash_token(raw)
    assert raw not in token.key_hash
    assert api_token_authenticate(raw) == recruiter

    later = recruiter_client.get("/settings/")
    assert raw.encode() not in later.content
    assert b"careers site" in later.content
    assert token.prefix.encode() in later.content


def test_revoking_a_token_stops_it_authenticating(recruiter, recruiter_client):
    token, raw = api_token_create(user=recruiter, name="old sync")
    response = recruiter_client.post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(raw) is None
    assert b"Revoked" in recruiter_client.get("/settings/").content


def test_nobody_can_revoke_someone_elses_token(recruiter, other_recruiter):
    token, raw = api_token_create(user=recruiter)
    response = client_for(other_recruiter).post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert api_token_authenticate(raw) == recruiter


def test_revoke_needs_a_post(recruiter, recruiter_client):
    token, _ = api_token_create(user=recruiter)
    assert recruiter_client.get(f"/settings/tokens/{token.pk}/revoke/").status_code == 405


def test_admin_settings_lead_to_the_team_with_every_user_and_role(
    admin_client_, recruiter, hiring_manager
):
    response = admin_client_.get("/settings/")
    assert b'href="/settings/team/"' in response.content
    team = admin_client_.get("/settings/team/")
    assert b"hana" in team.content
    assert b"Hiring manager" in team.content


def test_recruiter_does_not_see_the_user_list(recruiter_client, hiring_manager):
    assert b"hana" not in recruiter_client.get("/settings/").content
