"""A logged touch must make sense: its outcome fits its kind and direction, and an entry that
says nothing (no subject, no notes, no outcome) is refused."""

import pytest

from ghostless.core.errors import DomainError
from ghostless.timeline.services import activity_log


@pytest.mark.parametrize(
    ("kind", "direction", "outcome"),
    [
        ("voicemail", "inbound", "connected"),
        ("sms", "inbound", "wrong_number"),
        ("email", "inbound", "no_answer"),
        ("call", "inbound", "no_answer"),
        ("note", "internal", "connected"),
        ("meeting", "outbound", "busy"),
    ],
)
def test_an_outcome_that_does_not_fit_is_refused_on_outcome(
    candidate, recruiter, kind, direction, outcome
):
    with pytest.raises(DomainError) as refused:
        activity_log(
            candidate=candidate,
            actor=recruiter,
            kind=kind,
            direction=direction,
            outcome=outcome,
            body="Something",
        )
    assert refused.value.field == "outcome"
    assert not candidate.activities.filter(kind=kind).exists()


@pytest.mark.parametrize(
    ("kind", "direction", "outcome"),
    [
        ("call", "outbound", "no_answer"),
        ("call", "outbound", "wrong_number"),
        ("call", "inbound", "connected"),
        ("call", "inbound", "left_voicemail"),
        ("sms", "outbound", "wrong_number"),
        ("email", "outbound", "bounced"),
        ("voicemail", "outbound", "left_voicemail"),
        ("meeting", "outbound", "connected"),
    ],
)
def test_outcomes_that_fit_are_logged(candidate, recruiter, kind, direction, outcome):
    activity = activity_log(
        candidate=candidate,
        actor=recruiter,
        kind=kind,
        direction=direction,
        outcome=outcome,
        subject="Tried the number on file",
    )
    assert activity.outcome == outcome


@pytest.mark.parametrize("kind", ["note", "sms", "email", "linkedin"])
def test_an_empty_message_or_note_is_refused_on_body(candidate, recruiter, kind):
    direction = "internal" if kind == "note" else "outbound"
    with pytest.raises(DomainError) as refused:
        activity_log(
            candidate=candidate, actor=recruiter, kind=kind, direction=direction, body="  "
        )
    assert refused.value.field == "body"


def test_a_call_with_only_an_outcome_is_enough(candidate, recruiter):
    activity = activity_log(candidate=candidate, actor=recruiter, kind="call", outcome="no_answer")
    assert activity.body == ""
