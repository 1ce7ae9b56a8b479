"""A profile edit leaves an audit row with each changed field's old and new value."""

from ghostless.candidates.services import candidate_update
from ghostless.timeline.models import AuditEntry


def test_profile_edit_records_only_the_fields_that_changed(candidate, recruiter):
    old_title = candidate.current_title
    candidate_update(
        candidate=candidate,
        actor=recruiter,
        first_name=candidate.first_name,
        current_title="Staff Engineer",
        emails=["cara@example.org", "cara@work.example"],
        tags=["Python", "python ", "remote"],
    )
    entry = AuditEntry.objects.get(subject="candidate", subject_id=candidate.pk)
    assert (entry.actor, entry.event, entry.label) == (
        recruiter,
        "candidate_updated",
        candidate.name,
    )
    assert entry.changes == {
        "current_title": [old_title, "Staff Engineer"],
        "emails": [["cara@example.org"], ["cara@example.org", "cara@work.example"]],
        "tags": [[], ["python", "remote"]],
    }


def test_new_owner_is_recorded_by_username(candidate, recruiter, other_recruiter):
    candidate_update(candidate=candidate, actor=recruiter, owner=other_recruiter)
    entry = AuditEntry.objects.get(subject="candidate")
    assert entry.changes == {"owner": ["rita", "ray"]}


def test_saving_an_unchanged_profile_writes_no_audit_row(candidate, recruiter):
    candidate_update(
        candidate=candidate,
        actor=recruiter,
        first_name="Cara",
        last_name="Candidate",
        emails=["cara@example.org"],
        tags=[],
    )
    assert not AuditEntry.objects.exists()
