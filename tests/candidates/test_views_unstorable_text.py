"""Forms cannot carry a lone surrogate: Django decodes posted bytes with errors replaced, so
the UTF-8 of a surrogate arrives as U+FFFD; NUL is refused by every CharField. Pinned here so
a change to how forms are read cannot bring back the 500."""

from urllib.parse import urlencode

from ghostless.candidates.models import Candidate
from tests.front.test_views_candidate_list import NEW


def post_raw(client, path: str, body: bytes):
    return client.post(path, body, content_type="application/x-www-form-urlencoded")


def test_surrogate_bytes_in_a_form_are_stored_as_replacement_characters(
    recruiter, recruiter_client
):
    body = urlencode(NEW | {"first_name": "X"}).encode().replace(b"X", b"Ja%ED%A0%80ne", 1)
    response = post_raw(recruiter_client, "/candidates/new/", body)
    assert response.status_code == 302
    assert Candidate.objects.get().first_name == "Ja" + "\N{REPLACEMENT CHARACTER}" * 3 + "ne"


def test_nul_in_a_form_is_a_form_error(recruiter, recruiter_client):
    response = recruiter_client.post("/candidates/new/", NEW | {"first_name": "Ja\x00ne"})
    assert response.status_code == 422
    assert "Null characters are not allowed" in response.content.decode()
    assert not Candidate.objects.exists()
