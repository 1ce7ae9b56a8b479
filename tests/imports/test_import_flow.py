import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ghostless.candidates.models import Candidate
from ghostless.imports import services
from ghostless.imports.models import ImportKey, ImportState
from ghostless.timeline.models import Activity
from ghostless.webhooks.models import Event
from ghostless.webhooks.services import endpoint_create
from tests.factories import UserFactory
from tests.imports.sheets import csv_bytes, people_rows

pytestmark = pytest.mark.django_db


def _upload(user, data: bytes, name="people.csv"):
    return services.import_upload(actor=user, upload=SimpleUploadedFile(name, data))


def test_upload_dry_run_and_run_create_people_with_a_timeline_entry(
    django_capture_on_commit_callbacks,
):
    rita = UserFactory(username="rita", first_name="Rita", last_name="Reyes")
    job = _upload(rita, csv_bytes(people_rows(5)))
    assert job.mapping == {
        "First name": "first_name",
        "Last name": "last_name",
        "E-mail": "email",
        "Phone": "phone",
        "Company": "current_company",
        "Tags": "tags",
        "LinkedIn": "linkedin_url",
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.import_dry_run(job=job, actor=rita)
    job.refresh_from_db()
    assert job.state == ImportState.CHECKED
    assert job.dry_run_counts["create"] == 5
    assert Candidate.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.import_run(job=job, actor=rita)
    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert job.run_counts == job.dry_run_counts
    person = Candidate.objects.get(emails__email="person1@example.org")
    assert person.owner == rita
    assert sorted(person.tags.values_list("name", flat=True)) == ["batch", "imported"]
    entry = Activity.objects.get(candidate=person, payload__event="candidate_imported")
    assert entry.subject == "Imported by Rita Reyes from people.csv"


def _import(user, data: bytes, capture):
    job = _upload(user, data)
    with capture(execute=True):
        services.import_dry_run(job=job, actor=user)
    with capture(execute=True):
        services.import_run(job=job, actor=user)
    job.refresh_from_db()
    return job


def test_a_job_column_puts_new_and_matched_people_on_the_job_once(
    django_capture_on_commit_callbacks,
):
    from ghostless.jobs.models import Application
    from ghostless.jobs.services import application_create
    from tests.factories import CandidateFactory, JobFactory

    rita = UserFactory(username="rita", first_name="Rita", last_name="Reyes")
    job = JobFactory(title="Backend Engineer")
    matched = CandidateFactory(emails=["known@example.org"], source="")
    already = CandidateFactory(emails=["already@example.org"])
    application_create(candidate=already, job=job, actor=rita)
    rows = [
        ["New", "One", "new1@example.org", str(job.pk)],
        ["New", "Two", "new2@example.org", ""],
        ["Known", "Person", "known@example.org", "backend engineer"],
        [already.first_name, already.last_name, "already@example.org", str(job.pk)],
    ]
    data = csv_bytes(rows, header=["First name", "Last name", "E-mail", "Job"])

    done = _import(rita, data, django_capture_on_commit_callbacks)

    assert done.run_counts == done.dry_run_counts
    assert [done.run_counts[k] for k in ("create", "update", "unchanged")] == [2, 1, 1]
    on_job = Application.objects.filter(job=job)
    assert set(on_job.values_list("candidate__last_name", flat=True)) == {
        already.last_name,
        "Person",
        "One",
    }
    new = on_job.get(candidate__last_name="One")
    assert (new.stage.name, new.owner, new.candidate.owner) == ("Sourced", rita, rita)
    for application in (new, on_job.get(candidate=matched)):
        entry = Activity.objects.get(application=application, payload__event="application_created")
        assert entry.subject == "Added to Backend Engineer at Sourced"
        assert application.stage_changes.count() == 1

    again = _import(rita, data, django_capture_on_commit_callbacks)
    assert (again.run_counts["create"], again.run_counts["update"]) == (0, 0)
    assert on_job.count() == 3


def test_a_person_twice_in_a_file_is_caught_across_batches_and_the_keys_are_dropped(
    django_capture_on_commit_callbacks, monkeypatch
):
    # Three rows a batch: the second Person1 comes two batches after the first.
    monkeypatch.setattr(services, "BATCH_SIZE", 3)
    rita = UserFactory(username="rita")
    rows = people_rows(8)
    rows.append(["Again", "Family1", "PERSON1@example.org", "", "", "", ""])
    job = _upload(rita, csv_bytes(rows))
    for start in (services.import_dry_run, services.import_run):
        with django_capture_on_commit_callbacks(execute=True):
            start(job=job, actor=rita)
        job.refresh_from_db()
        assert not ImportKey.objects.exists()  # the phase's memory goes with it
    assert (job.dry_run_counts["reject"], job.run_counts["reject"]) == (1, 1)
    issue = job.issues.get(phase="run")
    assert (issue.row_number, issue.message) == (
        10,
        "The same email (person1@example.org) as row 3.",
    )


def test_each_imported_person_sends_candidate_created_to_subscribers(
    django_capture_on_commit_callbacks, settings, admin
):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    endpoint_create(actor=admin, url="https://hooks.example.org/in", events=["candidate.created"])
    rita = UserFactory(username="rita")
    job = _upload(rita, csv_bytes(people_rows(3)))
    for start in (services.import_dry_run, services.import_run):
        with django_capture_on_commit_callbacks(execute=True):
            start(job=job, actor=rita)
        job.refresh_from_db()
    bodies = [json.loads(e.body) for e in Event.objects.order_by("id")]
    assert [(b["type"], b["data"]["emails"]) for b in bodies] == [
        ("candidate.created", [f"person{n}@example.org"]) for n in range(3)
    ]
    assert all(e.deliveries.count() == 1 for e in Event.objects.all())
