"""A candidate added by hand is owned by whoever added them, unless they chose a teammate."""

from ghostless.candidates.models import Candidate
from ghostless.notifications.models import Notification
from tests.parsed_html import find


def test_the_add_form_offers_the_adder_as_owner_and_saves_them(recruiter_client, recruiter):
    page = recruiter_client.get("/candidates/new/")
    owner = find(page, "select", name="owner")
    assert [o.get("value") for o in owner.xpath(".//option[@selected]")] == [str(recruiter.pk)]
    assert not owner.xpath(".//option[@value='']")  # no "No owner" to pick by mistake
    response = recruiter_client.post("/candidates/new/", {"first_name": "Nia", "owner": ""})
    assert response.status_code == 302
    assert Candidate.objects.get(first_name="Nia").owner == recruiter


def test_a_teammate_chosen_as_owner_owns_them_and_hears_of_it(recruiter_client, other_recruiter):
    recruiter_client.post("/candidates/new/", {"first_name": "Nia", "owner": other_recruiter.pk})
    nia = Candidate.objects.get(first_name="Nia")
    assert nia.owner == other_recruiter
    note = Notification.objects.get(user=other_recruiter)
    assert (note.kind, note.text, note.candidate) == (
        "handoff",
        "Rita Reyes made you the owner of Nia",
        nia,
    )


def test_the_api_makes_the_caller_the_owner_when_left_out(admin_api, admin):
    response = admin_api.post("/candidates", {"first_name": "Ada"})
    assert response.status_code == 201 and response.json()["owner"] == "alice"
    assert Notification.objects.count() == 0  # nobody handed Ada to herself
