"""A note logged through the API mentions as the profile's form does."""

from ghostless.notifications.models import Notification


def test_a_note_logged_through_the_api_notifies_the_user_it_mentions(
    recruiter_api, candidate, other_recruiter, admin
):
    response = recruiter_api.post(
        f"/candidates/{candidate.pk}/activities",
        {"kind": "note", "body": "Spoke to her; @ray takes the offer call. Not @someone."},
    )
    assert response.status_code == 201
    assert response.json()["payload"] == {"mentions": ["ray"]}
    note = Notification.objects.get()
    assert (note.user, note.kind, note.activity_id) == (
        other_recruiter,
        "mention",
        response.json()["id"],
    )
