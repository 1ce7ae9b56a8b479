"""The admins' triage of candidates nobody owns: list, assign one, preview and confirm many."""

import pytest

from ghostless.candidates.models import Candidate
from ghostless.notifications.models import Notification
from ghostless.timeline.models import Activity, AuditEntry
from tests.factories import CandidateFactory
from tests.parsed_html import find, find_all, text, texts


@pytest.fixture
def unowned(db):
    return [CandidateFactory(first_name=name, last_name="Loose", owner=None) for name in "ABC"]


def listed(page) -> list[str]:
    return [
        text(a)
        for a in find_all(page, "a")
        if a.get("href", "").startswith("/candidates/") and text(a).endswith("Loose")
    ]


def test_admins_see_only_the_candidates_without_an_owner(admin_client_, unowned, candidate):
    page = admin_client_.get("/candidates/unowned/")
    assert page.status_code == 200
    assert listed(page) == ["C Loose", "B Loose", "A Loose"]
    assert "Cara Candidate" not in page.content.decode()
    assert find(page, "label", for_="id_owner") is not None


def test_recruiters_and_managers_do_not_reach_the_triage(recruiter_client, manager_client, unowned):
    assert recruiter_client.get("/candidates/unowned/").status_code == 404
    assert manager_client.get("/candidates/unowned/").status_code == 404
    posted = recruiter_client.post(
        "/candidates/unowned/", {"candidates": [unowned[0].pk], "owner": 1}
    )
    assert posted.status_code == 403
    assert Candidate.objects.filter(owner__isnull=True).count() == 3


def test_one_candidate_is_assigned_at_once_with_a_timeline_entry(
    admin_client_, unowned, other_recruiter
):
    response = admin_client_.post(
        "/candidates/unowned/", {"candidates": [unowned[0].pk], "owner": other_recruiter.pk}
    )
    assert response.status_code == 302
    unowned[0].refresh_from_db()
    assert unowned[0].owner == other_recruiter
    entry = Activity.objects.get(candidate=unowned[0], payload__event="owner_changed")
    assert entry.subject == "Owner set to Ray Romano" and entry.actor.username == "alice"
    assert AuditEntry.objects.get(subject_id=unowned[0].pk).changes == {"owner": [None, "ray"]}
    assert Notification.objects.get(user=other_recruiter).candidate == unowned[0]
    after = admin_client_.get("/candidates/unowned/")
    assert listed(after) == ["C Loose", "B Loose"]
    assert "Ray Romano now owns A Loose." in texts(after, "p", class_="flash")


def test_many_are_shown_again_to_confirm_before_anything_changes(
    admin_client_, unowned, other_recruiter
):
    chosen = {"candidates": [c.pk for c in unowned[:2]], "owner": other_recruiter.pk}
    preview = admin_client_.post("/candidates/unowned/", chosen)
    assert preview.status_code == 200
    assert text(find(preview, "h1")) == "Make Ray Romano the owner of 2 candidates?"
    assert sorted(texts(find(preview, "section", class_="card"), "li")) == ["A Loose", "B Loose"]
    assert Candidate.objects.filter(owner__isnull=True).count() == 3
    hidden = {i.get("name"): i.get("value") for i in find_all(preview, "input", type="hidden")}
    assert hidden["confirm"] == "True"
    confirmed = admin_client_.post("/candidates/unowned/", {**chosen, "confirm": "True"})
    assert confirmed.status_code == 302
    assert set(Candidate.objects.filter(owner=other_recruiter)) == set(unowned[:2])
    note = Notification.objects.get(user=other_recruiter)
    assert note.text == "Alice Admin made you the owner of 2 candidates"


def test_nothing_ticked_or_no_owner_is_a_form_error(admin_client_, unowned, other_recruiter):
    none_ticked = admin_client_.post("/candidates/unowned/", {"owner": other_recruiter.pk})
    assert none_ticked.status_code == 422
    assert "Tick at least one candidate." in text(find(none_ticked, "div", class_="errors"))
    no_owner = admin_client_.post("/candidates/unowned/", {"candidates": [unowned[0].pk]})
    assert no_owner.status_code == 422
    assert Candidate.objects.filter(owner__isnull=True).count() == 3


def test_a_candidate_given_an_owner_meanwhile_is_not_taken_over(
    admin_client_, unowned, recruiter, other_recruiter
):
    Candidate.objects.filter(pk=unowned[0].pk).update(owner=recruiter)
    response = admin_client_.post(
        "/candidates/unowned/",
        {
            "candidates": [unowned[0].pk, unowned[1].pk],
            "owner": other_recruiter.pk,
            "confirm": "True",
        },
    )
    assert response.status_code == 422
    assert "meanwhile" in text(find(response, "div", class_="errors"))
    unowned[0].refresh_from_db()
    assert unowned[0].owner == recruiter


def test_the_admins_queue_links_the_triage_with_its_count(admin_client_, unowned):
    page = admin_client_.get("/followups/")
    link = find(page, "a", href="/candidates/unowned/")
    assert text(link) == "Without an owner 3 candidates"


def test_empty_triage_says_what_would_appear(admin_client_, candidate):
    page = admin_client_.get("/candidates/unowned/")
    assert text(find(page, "p", class_="empty")).startswith("Every candidate has an owner.")
