"""Contact details found in a resume are offered for the profile, never written silently."""

import pytest
from django.urls import reverse

from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.resumes.contacts import find_contacts
from ghostless.resumes.services import resume_contacts_apply
from ghostless.timeline.models import Activity
from tests.factories import CandidateFactory
from tests.resumes.conftest import docx_file, pdf_file

pytestmark = pytest.mark.django_db

RESUME = """Cara Candidate
cara@example.org | cara.work@example.net | (415) 555-0134
linkedin.com/in/cara-candidate  github.com/caracodes  https://cara.dev.
Ten years of Kubernetes."""


def test_emails_phones_and_links_are_found_in_the_text(settings):
    settings.PHONE_DEFAULT_REGION = "US"

    found = {(item["field"], item["value"]) for item in find_contacts(RESUME)}

    assert found == {
        ("emails", "cara@example.org"),
        ("emails", "cara.work@example.net"),
        ("phones", "+14155550134"),
        ("linkedin_url", "https://www.linkedin.com/in/cara-candidate"),
        ("github_url", "https://github.com/caracodes"),
        ("website_url", "https://cara.dev"),
    }


@pytest.fixture
def resume(read, candidate):
    """Cara's profile has cara@example.org already; the resume adds more."""
    return read(candidate, pdf_file(RESUME))


def card(client, candidate) -> str:
    return client.get(candidate.get_absolute_url()).content.decode()


def test_only_what_the_profile_lacks_is_offered(recruiter_client, candidate, resume):
    page = card(recruiter_client, candidate)

    assert 'value="emails:cara.work@example.net"' in page
    assert 'value="phones:+14155550134"' in page
    assert "Phone: +1 415-555-0134" in page
    assert 'value="linkedin_url:https://www.linkedin.com/in/cara-candidate"' in page
    assert 'value="emails:cara@example.org"' not in page
    assert "Add to profile" in page


def test_a_detail_of_another_candidate_is_shown_as_theirs_not_offered(
    recruiter_client, candidate, read
):
    CandidateFactory(first_name="Other", last_name="Person", emails=["cara.work@example.net"])
    read(candidate, pdf_file(RESUME))

    page = card(recruiter_client, candidate)

    assert 'value="emails:cara.work@example.net"' not in page
    assert "cara.work@example.net" in page and "already belongs to" in page
    assert "Other Person" in page


def test_ticked_details_are_added_and_the_rest_left_alone(recruiter_client, candidate, resume):
    response = recruiter_client.post(
        reverse("resumes:contacts", args=[resume.pk]),
        {
            "items": [
                "emails:cara.work@example.net",
                "phones:+14155550134",
                "linkedin_url:https://www.linkedin.com/in/cara-candidate",
            ]
        },
        follow=True,
    )

    candidate.refresh_from_db()
    assert [e.email for e in candidate.emails.all()] == [
        "cara@example.org",
        "cara.work@example.net",
    ]
    assert [p.phone for p in candidate.phones.all()] == ["+14155550134"]
    assert candidate.linkedin_url == "https://www.linkedin.com/in/cara-candidate"
    assert candidate.github_url == ""
    assert "Added to the profile: Email cara.work@example.net" in response.content.decode()
    entry = Activity.objects.get(candidate=candidate, payload__event="resume_contacts_added")
    assert "Phone +1 415-555-0134" in entry.body
    # What was added is no longer offered; what was not, still is.
    page = card(recruiter_client, candidate)
    assert 'value="emails:cara.work@example.net"' not in page
    assert 'value="github_url:https://github.com/caracodes"' in page


def test_a_link_never_replaces_one_already_on_the_profile(recruiter, candidate, read):
    candidate.linkedin_url = "https://www.linkedin.com/in/the-real-cara"
    candidate.save()
    resume = read(candidate, docx_file("linkedin.com/in/somebody-else"))

    with pytest.raises(DomainError, match="no longer on offer"):
        resume_contacts_apply(
            resume=resume,
            actor=recruiter,
            items=["linkedin_url:https://www.linkedin.com/in/somebody-else"],
        )
    candidate.refresh_from_db()
    assert candidate.linkedin_url == "https://www.linkedin.com/in/the-real-cara"


def test_a_forged_item_is_refused(recruiter_client, candidate, resume):
    response = recruiter_client.post(
        reverse("resumes:contacts", args=[resume.pk]),
        {"items": ["emails:attacker@example.com"]},
        follow=True,
    )

    assert "no longer on offer" in response.content.decode()
    assert not candidate.emails.filter(email="attacker@example.com").exists()


def test_hiring_managers_are_not_offered_contacts_and_may_not_add_them(
    manager_client, hiring_manager, candidate, application, resume
):
    assert "Add to profile" not in card(manager_client, candidate)
    response = manager_client.post(
        reverse("resumes:contacts", args=[resume.pk]), {"items": ["phones:+14155550134"]}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        resume_contacts_apply(resume=resume, actor=hiring_manager, items=["phones:+14155550134"])
    assert not candidate.phones.exists()
