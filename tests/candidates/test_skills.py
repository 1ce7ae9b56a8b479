"""Candidate.skills: edited on the form, cleaned by the service, shown and indexed."""

import pytest

from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_create, candidate_update
from ghostless.core.errors import DomainError
from ghostless.search.models import SearchDocument
from tests.parsed_html import definitions, texts

pytestmark = pytest.mark.django_db


def test_skills_are_trimmed_and_deduplicated(recruiter):
    nina = candidate_create(
        actor=recruiter, first_name="Nina", skills="Python , python,  Big  Data,"
    )
    assert nina.skills == "Python, Big Data"


def test_skills_longer_than_the_column_are_refused(recruiter):
    with pytest.raises(DomainError) as refused:
        candidate_create(
            actor=recruiter, first_name="Nina", skills=", ".join(f"Skill {n}" for n in range(60))
        )
    assert refused.value.field == "skills"


def test_changed_skills_are_searchable_at_once(recruiter):
    nina = candidate_create(actor=recruiter, first_name="Nina", skills="Python")
    candidate_update(candidate=nina, actor=recruiter, skills="Terraform")
    assert "terraform" in SearchDocument.objects.get(candidate=nina).b.lower()


def test_the_form_edits_skills_and_the_profile_shows_them(recruiter_client, candidate):
    response = recruiter_client.post(
        f"/candidates/{candidate.pk}/edit/",
        {"first_name": candidate.first_name, "emails": "cara@example.org", "skills": "Go, Rust"},
    )
    assert response.status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).skills == "Go, Rust"
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert definitions(html)["Skills"] == "Go Rust"
    assert {"Go", "Rust"} <= set(texts(html, "span", class_="badge"))
    form = recruiter_client.get(f"/candidates/{candidate.pk}/edit/").content.decode()
    assert 'name="skills" value="Go, Rust"' in form
    assert '<label for="id_skills">' in form
