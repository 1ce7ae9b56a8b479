import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ghostless.candidates.models import Candidate
from ghostless.imports import services
from ghostless.imports.models import ImportState
from ghostless.timeline.models import Activity
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
