import pytest

from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_create, candidate_update
from ghostless.core.errors import Conflict, DomainError, PermissionDenied
from ghostless.timeline.models import Activity
from tests.factories import CandidateFactory


def test_emails_are_lower_cased_and_phones_stored_in_e164(recruiter):
    candidate = candidate_create(
        actor=recruiter,
        first_name="Ada",
        emails=[" Ada.Lovelace@Example.COM "],
        phones=["(415) 555-0134", "+44 20 7946 0958"],
        tags=["Python", "python", " Remote "],
    )
    assert [e.email for e in candidate.emails.all()] == ["ada.lovelace@example.com"]
    assert [p.phone for p in candidate.phones.all()] == ["+14155550134", "+442079460958"]
    assert sorted(t.name for t in candidate.tags.all()) == ["python", "remote"]


def test_creating_a_candidate_puts_an_entry_on_the_timeline(recruiter):
    candidate = candidate_create(actor=recruiter, first_name="Ada", source="referral")
    entry = Activity.objects.get(candidate=candidate)
    assert entry.kind == "system"
    assert "Rita Reyes" in entry.subject and "referral" in entry.subject


def test_an_email_of_another_candidate_is_refused_naming_that_candidate(recruiter, candidate):
    with pytest.raises(Conflict) as exc:
        candidate_create(actor=recruiter, first_name="Copy", emails=["CARA@example.org"])
    assert exc.value.extra["candidate_id"] == candidate.pk
    assert "Cara Candidate" in exc.value.message
    assert Candidate.objects.count() == 1


def test_a_phone_of_another_candidate_is_refused_in_any_format(recruiter):
    first = candidate_create(actor=recruiter, first_name="Ada", phones=["+1 415 555 0134"])
    with pytest.raises(Conflict) as exc:
        candidate_create(actor=recruiter, first_name="Bob", phones=["415-555-0134"])
    assert exc.value.extra["candidate_id"] == first.pk
    assert exc.value.field == "phones"


@pytest.mark.parametrize(
    ("field", "value"),
    [("emails", ["not-an-email"]), ("phones", ["12"]), ("phones", ["call me maybe"])],
)
def test_invalid_contact_details_are_refused_naming_the_field(recruiter, field, value):
    with pytest.raises(DomainError) as exc:
        candidate_create(actor=recruiter, first_name="Ada", **{field: value})
    assert exc.value.field == field
    assert Candidate.objects.count() == 0


def test_a_first_name_is_required(recruiter):
    with pytest.raises(DomainError) as exc:
        candidate_create(actor=recruiter, first_name="  ")
    assert exc.value.field == "first_name"


def test_update_changes_only_given_fields_and_keeps_own_email(recruiter, candidate):
    candidate_update(
        candidate=candidate,
        actor=recruiter,
        current_title="Staff Engineer",
        emails=["cara@example.org", "cara@work.example"],
    )
    candidate.refresh_from_db()
    assert candidate.current_title == "Staff Engineer"
    assert candidate.first_name == "Cara"
    assert [e.email for e in candidate.emails.all()] == ["cara@example.org", "cara@work.example"]


def test_update_refuses_an_email_of_someone_else(recruiter, candidate):
    other = CandidateFactory(emails=["other@example.org"])
    with pytest.raises(Conflict) as exc:
        candidate_update(candidate=candidate, actor=recruiter, emails=["Other@example.org"])
    assert exc.value.extra["candidate_id"] == other.pk
    assert [e.email for e in candidate.emails.all()] == ["cara@example.org"]


def test_changing_the_owner_is_on_the_timeline(recruiter, other_recruiter, candidate):
    candidate_update(candidate=candidate, actor=recruiter, owner=other_recruiter)
    assert Activity.objects.filter(candidate=candidate, subject="Owner set to Ray Romano").exists()


def test_a_hiring_manager_cannot_own_or_edit_candidates(recruiter, hiring_manager, candidate):
    with pytest.raises(DomainError):
        candidate_update(candidate=candidate, actor=recruiter, owner=hiring_manager)
    with pytest.raises(PermissionDenied):
        candidate_update(candidate=candidate, actor=hiring_manager, first_name="X")
    with pytest.raises(PermissionDenied):
        candidate_create(actor=hiring_manager, first_name="X")
