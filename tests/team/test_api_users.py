"""GET /me, GET /users, POST /users/invite and PATCH /users/{id}: who may call what, and what
each answer holds."""

import pytest

from ghostless.accounts.models import Role, User
from ghostless.followups.models import FollowUp
from ghostless.timeline.models import Activity, EventKind
from tests.team.conftest import link_in

BRIEF = {"id", "username", "name", "role"}
FULL = BRIEF | {"email", "is_active", "last_login"}


def test_me_names_the_caller(manager_api, hiring_manager):
    assert manager_api.get("/me").json() == {
        "id": hiring_manager.pk,
        "username": "hana",
        "name": "Hana Hughes",
        "email": "hana@example.com",
        "role": "hiring_manager",
    }


def test_admins_list_everyone_with_email_activity_and_last_login(
    admin_api, admin, recruiter, hiring_manager
):
    User.objects.filter(pk=recruiter.pk).update(is_active=False)
    body = admin_api.get("/users").json()
    assert body["count"] == 3
    users = {user["username"]: user for user in body["items"]}
    assert set(users["rita"]) == FULL
    assert users["rita"] == {
        "id": recruiter.pk,
        "username": "rita",
        "name": "Rita Reyes",
        "role": "recruiter",
        "email": "rita@example.com",
        "is_active": False,
        "last_login": None,
    }


@pytest.mark.parametrize("who", ["recruiter_api", "manager_api"])
def test_colleagues_list_active_names_and_roles_only(
    request, who, admin, recruiter, other_recruiter, hiring_manager
):
    User.objects.filter(pk=other_recruiter.pk).update(is_active=False)
    body = request.getfixturevalue(who).get("/users").json()
    assert [user["username"] for user in body["items"]] == ["alice", "hana", "rita"]
    assert all(set(user) == BRIEF for user in body["items"])
    alice = {"id": admin.pk, "username": "alice", "name": "Alice Admin", "role": "admin"}
    assert body["items"][0] == alice


def test_invite_over_the_api_mails_the_link(admin_api, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_api.post(
            "/users/invite",
            {"email": "ivan@example.com", "name": "Ivan Invited", "role": "hiring_manager"},
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body | {"id": 0} == {
        "id": 0,
        "username": "ivan",
        "name": "Ivan Invited",
        "role": "hiring_manager",
        "email": "ivan@example.com",
        "is_active": False,
        "last_login": None,
    }
    [mail] = smtp.messages
    assert mail["To"] == "ivan@example.com"
    assert link_in(mail).startswith("/invitation/")


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"email": "not-an-address", "name": "X", "role": "recruiter"}, 422, "email"),
        ({"email": "rita@example.com", "name": "Rita Again", "role": "recruiter"}, 409, "email"),
        ({"email": "new@example.com", "name": "  ", "role": "recruiter"}, 422, "name"),
        ({"email": "new@example.com", "name": "New", "role": "owner"}, 422, "role"),
    ],
)
def test_a_bad_invitation_names_its_field(admin_api, recruiter, body, status, field):
    response = admin_api.post("/users/invite", body)
    assert response.status_code == status, response.json()
    body = response.json()
    # A value the schema refuses is named in Ninja's list; a service's refusal in `field`.
    named = [body["field"]] if "field" in body else [error["loc"][-1] for error in body["detail"]]
    assert named == [field]


def test_a_null_role_in_an_invitation_is_the_default(admin_api, smtp):
    body = {"email": "n@example.com", "name": "N", "role": None}
    response = admin_api.post("/users/invite", body)
    assert response.status_code == 201 and response.json()["role"] == "recruiter"


@pytest.mark.parametrize("who", ["recruiter_api", "manager_api"])
def test_only_admins_invite_and_change_users(request, who, recruiter, other_recruiter):
    api = request.getfixturevalue(who)
    invite = api.post("/users/invite", {"email": "x@example.com", "name": "X", "role": "admin"})
    assert invite.status_code == 403 and invite.json()["detail"] == "Only admins can do this."
    patch = api.patch(f"/users/{other_recruiter.pk}", {"role": "admin"})
    assert patch.status_code == 403
    assert not User.objects.filter(email="x@example.com").exists()
    assert User.objects.get(pk=other_recruiter.pk).role == Role.RECRUITER


def test_anonymous_callers_are_unauthorized(anonymous_api):
    assert anonymous_api.get("/users").status_code == 401
    assert anonymous_api.post("/users/invite", {}).status_code == 401


def test_deactivating_over_the_api_reassigns_the_follow_ups(
    admin_api, admin, recruiter, other_recruiter, owed
):
    missing = admin_api.patch(f"/users/{recruiter.pk}", {"is_active": False})
    assert missing.status_code == 422
    assert missing.json() == {
        "detail": "Rita Reyes has 3 open follow-ups, 2 candidates and 1 active application: "
        "choose who takes them.",
        "field": "reassign_to",
    }
    response = admin_api.patch(
        f"/users/{recruiter.pk}",
        {"is_active": False, "reassign_to": other_recruiter.pk, "role": None},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["is_active"] is False and response.json()["role"] == "recruiter"
    assert set(FollowUp.objects.values_list("assignee", flat=True)) == {other_recruiter.pk}
    moved = Activity.objects.filter(payload__event=EventKind.FOLLOWUPS_REASSIGNED)
    assert {entry.actor for entry in moved} == {admin}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reassign_to": 999999, "is_active": False}, "reassign_to"),
        ({"reassign_to": "hana", "is_active": False}, "reassign_to"),
    ],
)
def test_a_bad_reassignment_is_refused(admin_api, recruiter, hiring_manager, owed, body, field):
    if body["reassign_to"] == "hana":
        body = body | {"reassign_to": hiring_manager.pk}
    response = admin_api.patch(f"/users/{recruiter.pk}", body)
    assert response.status_code == 422 and response.json()["field"] == field
    assert User.objects.get(pk=recruiter.pk).is_active


def test_a_role_change_over_the_api_takes_effect(admin_api, recruiter, recruiter_api):
    refused = recruiter_api.post("/users/invite", {"email": "a@example.com", "name": "A"})
    assert refused.status_code == 403
    response = admin_api.patch(f"/users/{recruiter.pk}", {"role": "admin"})
    assert response.status_code == 200 and response.json()["role"] == "admin"
    assert recruiter_api.get("/users").json()["items"][0].keys() == FULL


def test_the_last_admin_stays(admin_api, admin):
    for body, field in (({"role": "recruiter"}, "role"), ({"is_active": False}, "is_active")):
        response = admin_api.patch(f"/users/{admin.pk}", body)
        assert response.status_code == 409
        assert response.json() == {
            "detail": "Alice Admin is the last active admin: make someone else an admin first.",
            "field": field,
        }


def test_reactivating_an_invitee_is_refused(admin_api, smtp):
    invited = admin_api.post("/users/invite", {"email": "p@example.com", "name": "P"}).json()
    response = admin_api.patch(f"/users/{invited['id']}", {"is_active": True})
    assert response.status_code == 422 and response.json()["field"] == "is_active"


def test_an_unknown_user_is_a_404(admin_api):
    assert admin_api.patch("/users/999999", {"role": "admin"}).status_code == 404
