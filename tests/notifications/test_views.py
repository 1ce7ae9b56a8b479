"""The bell in the header, its menu, the notifications page, and marking read."""

import pytest

from ghostless.notifications.models import Notification
from ghostless.timeline.services import activity_log
from tests.conftest import client_for
from tests.parsed_html import find, find_all, text, texts


def bell_count(page) -> str:
    return text(find(page, "span", id="bell-count"))


@pytest.fixture
def mentioned(candidate, recruiter, other_recruiter):
    """Ray mentions Rita twice on Cara's profile."""
    for body in ("@rita first", "@rita second"):
        activity_log(candidate=candidate, actor=other_recruiter, kind="note", body=body)
    return list(Notification.objects.filter(user=recruiter).order_by("id"))


def test_the_bell_counts_unread_and_the_count_follows_marking_read(recruiter_client, mentioned):
    assert bell_count(recruiter_client.get("/candidates/")) == "2 unread"
    response = recruiter_client.post(f"/notifications/{mentioned[0].pk}/read/")
    assert response.status_code == 302
    assert bell_count(recruiter_client.get("/candidates/")) == "1 unread"
    recruiter_client.post("/notifications/read/")
    assert bell_count(recruiter_client.get("/candidates/")) == ""


def test_the_menu_lists_the_newest_with_links_and_marks_one_read_in_place(
    recruiter_client, mentioned, candidate
):
    menu = recruiter_client.get(
        "/notifications/", headers={"HX-Request": "true", "HX-Target": "bell-menu"}
    )
    assert find(menu, "div", id="bell-menu") is not None
    links = [a.get("href") for a in find_all(menu, "a") if "/notifications/" in a.get("href")]
    assert links[:2] == [f"/notifications/{n.pk}/" for n in reversed(mentioned)]
    assert texts(menu, "li", class_="unread")[0].startswith(
        "Ray Romano mentioned you on Cara Candidate: @rita second"
    )
    done = recruiter_client.post(
        f"/notifications/{mentioned[1].pk}/read/", {"menu": "1"}, headers={"HX-Request": "true"}
    )
    assert len(find_all(done, "li", class_="unread")) == 1
    assert find(done, "span", id="bell-count").get("hx-swap-oob") == "true"
    assert bell_count(done) == "1 unread"


def test_following_a_notification_reads_it_and_lands_on_the_entry(
    recruiter_client, mentioned, candidate
):
    note = mentioned[0]
    response = recruiter_client.get(f"/notifications/{note.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/candidates/{candidate.pk}/#activity-{note.activity_id}"
    note.refresh_from_db()
    assert note.read_at is not None
    profile = recruiter_client.get(response["Location"])
    assert find(profile, "li", id=f"activity-{note.activity_id}") is not None


def test_the_page_lists_them_all_and_says_what_will_appear_when_empty(
    recruiter_client, other_recruiter_client, mentioned
):
    page = recruiter_client.get("/notifications/")
    assert len(find_all(page, "li", class_="unread")) == 2
    empty = other_recruiter_client.get("/notifications/")
    assert "Replies from your candidates, your follow-ups as they come due" in text(
        find(empty, "p", class_="empty")
    )
    assert "@ray" in text(find(empty, "p", class_="empty"))
    assert bell_count(empty) == ""


def test_nobody_opens_or_reads_another_users_notification(other_recruiter_client, mentioned):
    note = mentioned[0]
    assert other_recruiter_client.get(f"/notifications/{note.pk}/").status_code == 404
    assert other_recruiter_client.post(f"/notifications/{note.pk}/read/").status_code == 404
    other_recruiter_client.post("/notifications/read/")
    note.refresh_from_db()
    assert note.read_at is None


def test_a_hiring_manager_has_a_bell_too(application, recruiter, hiring_manager):
    activity_log(
        candidate=application.candidate,
        actor=recruiter,
        kind="note",
        body="@hana what do you think?",
        application=application,
    )
    client = client_for(hiring_manager)
    page = client.get("/jobs/")
    assert bell_count(page) == "1 unread"
    followed = client.get(f"/notifications/{Notification.objects.get().pk}/", follow=True)
    assert followed.status_code == 200
    assert "what do you think?" in followed.content.decode()


def test_the_timeline_marks_mentions_of_users_and_escapes_the_rest(
    recruiter_client, candidate, recruiter, other_recruiter
):
    activity_log(
        candidate=candidate,
        actor=recruiter,
        kind="note",
        body="<b>@ray</b> & @ghost: call Cara",
    )
    body = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert '&lt;b&gt;<span class="mention">@ray</span>&lt;/b&gt; &amp; @ghost: call Cara' in body


def test_the_log_form_says_how_to_mention(recruiter_client, candidate):
    page = recruiter_client.get(f"/candidates/{candidate.pk}/")
    help_text = text(find(page, "div", id="id_log-body_helptext"))
    assert help_text.startswith("Type @ and a username to notify a teammate (yours is @rita)")


def test_the_typeahead_offers_teammates_and_a_manager_only_recruiters_and_admins(
    recruiter_client, manager_client, admin, other_recruiter, outsider
):
    offered = recruiter_client.get("/notifications/people/").json()["people"]
    assert {"username": "ray", "name": "Ray Romano"} in offered
    assert {p["username"] for p in offered} == {"alice", "ray", "hana", "otto"}  # not herself
    to_manager = manager_client.get("/notifications/people/").json()["people"]
    assert {p["username"] for p in to_manager} == {"alice", "ray", "rita"}
