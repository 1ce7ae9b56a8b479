"""Click-to-call links where phone numbers are shown: the profile (with its prompt, tested in
the browser in tests/browser/test_click_to_call.py) and the follow-up queue."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.candidates import services
from ghostless.followups.services import followup_create
from tests.conftest import client_for
from tests.factories import CandidateFactory


def _owe(user, *, phone: str | None = None):
    candidate = CandidateFactory(owner=user)
    if phone:
        services.candidate_update(candidate=candidate, actor=user, phones=[phone])
    followup_create(
        actor=user, candidate=candidate, due_at=timezone.now() - timedelta(hours=1), note="call"
    )
    return candidate


def test_the_profile_numbers_call_and_carry_the_prompt(recruiter, recruiter_client):
    candidate = _owe(recruiter, phone="+44 20 7946 0958")
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert 'href="tel:+442079460958"' in html
    assert 'id="call-prompt"' in html and "front/call_log.js" in html
    for outcome in ("connected", "no_answer", "left_voicemail"):
        assert f'name="log-outcome" value="{outcome}"' in html


def test_no_prompt_without_a_number(recruiter, recruiter_client):
    candidate = _owe(recruiter)
    assert (
        'id="call-prompt"'
        not in recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    )


def test_the_queue_shows_each_first_number_as_a_call_link(recruiter, recruiter_client):
    with_phone = _owe(recruiter, phone="+1 415 555 0100")
    _owe(recruiter)
    html = recruiter_client.get("/followups/").content.decode()
    assert f'href="tel:+14155550100" aria-label="Call {with_phone.name} on' in html
    assert html.count('href="tel:') == 1


def test_the_queue_reads_the_numbers_in_one_query(recruiter, other_recruiter):
    for n in range(2):
        _owe(recruiter, phone=f"+1 415 555 01{n:02}")
    for n in range(8):
        _owe(other_recruiter, phone=f"+1 415 555 02{n:02}")
    counts = []
    for user in (recruiter, other_recruiter):
        client = client_for(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/followups/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
