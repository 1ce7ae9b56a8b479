"""The talent-network issue's walk in a real browser: upload a resume and find the person by a
skill only the resume names, merge a duplicate without losing its history, and add a suggested
past candidate to a new job."""

import pytest

from ghostless.candidates.models import Candidate
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application
from ghostless.search.index import candidate_reindex
from ghostless.timeline.models import Activity
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, RejectionReasonFactory

pytestmark = pytest.mark.browser


def _indexed(**fields) -> Candidate:
    candidate = CandidateFactory(**fields)
    candidate_reindex([candidate.pk])
    return candidate


def test_resume_skill_is_found_from_the_header_search(logged_in_page, recruiter, tmp_path):
    candidate = _indexed(first_name="Tomasz", last_name="Nowak", current_title="SRE")
    resume = tmp_path / "nowak.txt"
    resume.write_text("Tomasz Nowak\nSeven years running Terraform and Ansible at scale.\n")

    page = logged_in_page(recruiter)
    page.goto(f"/candidates/{candidate.pk}/")
    page.get_by_label("Upload a new resume").set_input_files(str(resume))
    page.get_by_role("button", name="Upload", exact=True).click()
    page.locator("#resumes").get_by_role("link", name="nowak.txt").wait_for()

    page.get_by_label("Find a candidate").fill("terraform")
    page.get_by_label("Find a candidate").press("Enter")
    row = page.locator("tr", has=page.get_by_role("link", name="Tomasz Nowak"))
    row.wait_for()
    assert row.locator("mark").first.inner_text().lower() == "terraform"


def test_duplicate_is_merged_with_its_history(logged_in_page, recruiter, job):
    jon = _indexed(first_name="Jon", last_name="Smith", current_company="Northwind Analytics")
    jonathan = _indexed(
        first_name="Jonathan", last_name="Smith", current_company="Northwind Analytics"
    )
    ApplicationFactory(candidate=jonathan, job=job)
    notes_before = Activity.objects.filter(candidate__in=[jon, jonathan]).count()

    page = logged_in_page(recruiter)
    page.goto(f"/candidates/{jon.pk}/")
    duplicates = page.locator("#duplicates")
    duplicates.get_by_role("link", name="Jonathan Smith", exact=True).wait_for()
    duplicates.get_by_role("link", name="Compare and merge").click()
    page.get_by_role("button", name="Merge the two records…").click()
    dialog = page.get_by_role("dialog", name="Merge Jon Smith")
    dialog.get_by_role("button", name="Merge Jon Smith into Jonathan Smith").click()
    page.get_by_role("heading", name="Applications").wait_for()

    survivors = Candidate.objects.filter(last_name="Smith")
    assert survivors.count() == 1
    survivor = survivors.get()
    assert Application.objects.filter(candidate=survivor, job=job).exists()
    # Every earlier entry moved over, plus the merge itself on the timeline.
    assert Activity.objects.filter(candidate=survivor).count() == notes_before + 1
    page.locator("#timeline-entries").get_by_text("Merged").first.wait_for()


def test_suggested_past_candidate_is_added_as_sourced(logged_in_page, recruiter):
    new_job = JobFactory(
        title="Senior Platform Engineer", skills="Kubernetes, Terraform", recruiters=[recruiter]
    )
    priya = _indexed(first_name="Priya", last_name="Raman", current_title="Platform engineer")
    Candidate.objects.filter(pk=priya.pk).update(skills="Kubernetes, Terraform")
    candidate_reindex([priya.pk])
    old_job = JobFactory(title="Backend Engineer", status="filled")
    earlier = ApplicationFactory(candidate=priya, job=old_job)
    job_services.application_reject(
        application=earlier, actor=None, reason=RejectionReasonFactory(name="Position filled")
    )

    page = logged_in_page(recruiter)
    page.goto(f"/jobs/{new_job.pk}/")
    heading = page.get_by_role("heading", name="Suggested from your network")
    card = page.locator("section", has=heading)
    card.get_by_role("link", name="Priya Raman").wait_for()
    card.get_by_role("button", name="Add as Sourced Priya Raman").click()

    card.get_by_text("Added Priya Raman at Sourced.").wait_for()
    application = Application.objects.get(candidate=priya, job=new_job)
    assert application.stage.name == "Sourced"
    assert application.source == "Rediscovered"
