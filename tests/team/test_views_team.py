"""The Team page and a person's page: roles, deactivation handing follow-ups on, reactivation,
and the last admin kept."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ghostless.accounts.models import Role, User
from ghostless.accounts.services import api_token_create
from ghostless.candidates.models import Candidate
from ghostless.followups.models import FollowUp
from ghostless.jobs.models import Application
from ghostless.notifications.models import Notification
from ghostless.timeline.models import Activity, AuditEntry, EventKind
from tests.api_clients import ApiClient
from tests.factories import UserFactory
from tests.parsed_html import definitions, find, find_all, text, texts


def update(client, user, **data):
    return client.post(f"/settings/team/{user.pk}/update/", data)


def test_the_team_page_lists_everyone_with_role_status_and_last_login(
    admin_client_, admin, recruiter, hiring_manager, owed
):
    page = admin_client_.get("/settings/team/")
    assert page.status_code == 200
    rows = {
        text(row.xpath("td")[0]): [text(td) for td in row.xpath("td")[1:]]
        for row in find_all(page, "tr")[1:]
    }
    assert rows["Rita Reyes rita"] == [
        "rita@example.com",
        "Recruiter",
        "Active",
        "never",
        "3",
    ]
    assert rows["Hana Hughes hana"][1] == "Hiring manager"
    assert find(page, "a", href=f"/settings/team/{recruiter.pk}/").text == "Rita Reyes"
    # The admin came in through the login page just now: her last login shows.
    assert rows["Alice Admin alice"][3] != "never"
    assert find(page, "nav").xpath(".//a[@href='/settings/team/']")[0].get("aria-current") == "page"


def test_the_team_link_is_for_admins_only(admin_client_, recruiter_client):
    assert find_all(admin_client_.get("/settings/"), "a", href="/settings/team/")
    assert not find_all(recruiter_client.get("/settings/"), "a", href="/settings/team/")
    assert recruiter_client.get("/settings/team/").status_code == 404


def test_deactivating_hands_the_follow_ups_to_the_chosen_colleague(
    admin_client_, admin, recruiter, other_recruiter, hiring_manager, owed
):
    page = admin_client_.get(f"/settings/team/{recruiter.pk}/")
    card = find(page, "section", aria_labelledby="deactivate-heading")
    select = find(card, "select", name="reassign_to")
    offered = [option.text for option in select.xpath("option")]
    # Active recruiters and admins, not Rita herself nor the hiring manager.
    assert offered == ["Choose a colleague", "Alice Admin (Admin)", "Ray Romano (Recruiter)"]
    label = find(page, "label", for_=select.get("id"))
    assert text(label) == "Hand their work to:"
    help_text = "Rita Reyes has 3 open follow-ups, 2 candidates and 1 active application."
    assert help_text in text(card)

    refused = update(admin_client_, recruiter, action="deactivate")
    assert refused.status_code == 422
    error = text(find(refused, "ul", class_="errorlist"))
    assert error == (
        "Rita Reyes has 3 open follow-ups, 2 candidates and 1 active application: "
        "choose who takes them."
    )
    assert User.objects.get(pk=recruiter.pk).is_active

    response = update(admin_client_, recruiter, action="deactivate", reassign_to=other_recruiter.pk)
    assert response.status_code == 302
    recruiter.refresh_from_db()
    assert not recruiter.is_active
    assert {f.assignee for f in FollowUp.objects.all()} == {other_recruiter}
    entries = Activity.objects.filter(payload__event=EventKind.FOLLOWUPS_REASSIGNED)
    assert sorted((e.candidate.first_name, e.subject, e.actor.username) for e in entries) == [
        ("Cara", "2 open follow-ups moved from Rita Reyes to Ray Romano", "alice"),
        ("Omar", "1 open follow-up moved from Rita Reyes to Ray Romano", "alice"),
    ]
    assert all(entry.private for entry in entries)
    # What she owned is Ray's too, so rules made from now on reach someone who works.
    assert set(Candidate.objects.values_list("owner", flat=True)) == {other_recruiter.pk}
    assert Application.objects.get().owner == other_recruiter
    # Ray hears of it under his bell, with a link to his queue.
    told = Notification.objects.get(user=other_recruiter)
    assert told.text == (
        "Alice Admin handed you Rita Reyes's work: "
        "3 open follow-ups, 2 candidates and 1 active application"
    )
    assert told.url == "/followups/"
    owners = Activity.objects.filter(payload__event=EventKind.OWNER_CHANGED)
    assert sorted((e.candidate.first_name, e.subject, e.actor.username) for e in owners) == [
        ("Cara", "Owner set to Ray Romano", "alice"),
        ("Omar", "Owner set to Ray Romano", "alice"),
    ]
    audit = AuditEntry.objects.get(subject="user", subject_id=recruiter.pk, event="updated")
    assert audit.changes == {
        "is_active": [True, False],
        "followups_to": [None, "ray (3)"],
        "candidates_to": [None, "ray (2)"],
        "applications_to": [None, "ray (1)"],
    }


def test_the_timeline_shows_who_moved_the_follow_ups(
    admin_client_, recruiter, other_recruiter, owed, candidate, other_recruiter_client
):
    update(admin_client_, recruiter, action="deactivate", reassign_to=other_recruiter.pk)
    profile = other_recruiter_client.get(f"/candidates/{candidate.pk}/")
    assert "2 open follow-ups moved from Rita Reyes to Ray Romano" in profile.content.decode()
    queue = other_recruiter_client.get("/followups/")
    assert "Call about the offer" in queue.content.decode()


def test_a_deactivated_user_can_neither_log_in_nor_use_tokens(
    admin_client_, recruiter, recruiter_client
):
    _, raw = api_token_create(user=recruiter, name="sync")
    api = ApiClient(raw)
    assert api.get("/me").status_code == 200
    assert update(admin_client_, recruiter, action="deactivate").status_code == 302
    assert api.get("/me").status_code == 401
    # The open session ends too, and the password no longer opens one.
    assert recruiter_client.get("/candidates/")["Location"].startswith("/login/")
    login = Client().post("/login/", {"username": "rita", "password": "password"})
    assert login.status_code == 200 and login.context["user"].is_anonymous

    assert update(admin_client_, recruiter, action="reactivate").status_code == 302
    assert Client().login(username="rita", password="password")
    assert api.get("/me").status_code == 200


def test_a_role_change_takes_effect_at_once(admin_client_, recruiter, recruiter_client):
    assert recruiter_client.get("/followups/").status_code == 200
    assert recruiter_client.get("/settings/team/").status_code == 404
    assert update(admin_client_, recruiter, action="role", role=Role.ADMIN).status_code == 302
    assert recruiter_client.get("/settings/team/").status_code == 200
    recruiter.refresh_from_db()
    assert recruiter.is_staff
    update(admin_client_, recruiter, action="role", role=Role.HIRING_MANAGER)
    assert recruiter_client.get("/settings/team/").status_code == 404
    assert recruiter_client.get("/pools/").status_code == 404


def test_making_someone_a_hiring_manager_asks_who_takes_their_follow_ups(
    admin_client_, recruiter, other_recruiter, owed
):
    refused = update(admin_client_, recruiter, action="role", role=Role.HIRING_MANAGER)
    assert refused.status_code == 422
    assert User.objects.get(pk=recruiter.pk).role == Role.RECRUITER
    done = update(
        admin_client_,
        recruiter,
        action="role",
        role=Role.HIRING_MANAGER,
        reassign_to=other_recruiter.pk,
    )
    assert done.status_code == 302
    assert User.objects.get(pk=recruiter.pk).role == Role.HIRING_MANAGER
    assert set(FollowUp.objects.values_list("assignee", flat=True)) == {other_recruiter.pk}


@pytest.mark.parametrize(
    ("data", "field_text"),
    [
        ({"action": "role", "role": Role.RECRUITER}, "last active admin"),
        ({"action": "deactivate"}, "last active admin"),
    ],
)
def test_the_last_admin_cannot_demote_or_deactivate_themselves(
    admin_client_, admin, data, field_text
):
    response = update(admin_client_, admin, **data)
    assert response.status_code == 422
    assert field_text in " ".join(texts(response, "ul", class_="errorlist"))
    admin.refresh_from_db()
    assert admin.is_active and admin.role == Role.ADMIN


def test_with_a_second_admin_an_admin_may_step_down(admin_client_, admin):
    User.objects.create(username="second", role=Role.ADMIN, is_active=True)
    assert update(admin_client_, admin, action="role", role=Role.RECRUITER).status_code == 302
    admin.refresh_from_db()
    assert admin.role == Role.RECRUITER
    # No longer an admin: the Team page is gone for her.
    assert admin_client_.get("/settings/team/").status_code == 404


def test_a_person_page_says_what_deactivation_does(admin_client_, recruiter):
    page = admin_client_.get(f"/settings/team/{recruiter.pk}/")
    details = definitions(page)
    assert details["Role"] == "Recruiter" and details["Status"] == "Active"
    card = text(find(page, "section", aria_labelledby="deactivate-heading"))
    assert "their API tokens stop working" in card
    assert "They have no open follow-ups, candidates or active applications to hand on." in card


def test_an_unknown_person_is_a_404(admin_client_):
    assert admin_client_.get("/settings/team/999999/").status_code == 404
    response = admin_client_.post("/settings/team/999999/update/", {"action": "role"})
    assert response.status_code == 404


def test_the_team_page_costs_the_same_queries_for_many_people(admin_client_, admin):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client_.get("/settings/team/").status_code == 200
        return len(queries)

    UserFactory(invited_by=admin)
    few = count()
    for _ in range(10):
        UserFactory(invited_by=admin)
    assert count() == few
