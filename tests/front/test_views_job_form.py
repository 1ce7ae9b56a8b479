from django.urls import reverse

from ghostless.jobs.models import Job, PipelineTemplate
from ghostless.jobs.services import pipeline_template_create, stage_add

CREATE = reverse("jobs:create")


def job_data(**overrides):
    data = {
        "title": "Data Engineer",
        "department": "Data",
        "location": "Remote",
        "employment_type": "full_time",
        "status": "open",
        "hiring_manager": "",
        "openings": "2",
        "description": "Build pipelines.\n\nOwn the warehouse.",
    }
    return data | overrides


def test_creating_a_job_copies_the_default_pipeline(recruiter_client, recruiter, hiring_manager):
    data = job_data(
        hiring_manager=hiring_manager.pk,
        recruiters=[recruiter.pk],
        template=PipelineTemplate.objects.get(is_default=True).pk,
    )
    response = recruiter_client.post(CREATE, data)
    job = Job.objects.get(title="Data Engineer")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert [s.name for s in job.stages.all()] == [
        "Sourced", "Applied", "Contacted", "Screen", "Interview", "Offer", "Hired", "Onboarding",
    ]  # fmt: skip
    assert (job.hiring_manager, list(job.recruiters.all()), job.openings) == (
        hiring_manager,
        [recruiter],
        2,
    )
    page = recruiter_client.get(response.url).content.decode()
    assert "Created Data Engineer with 8 stages." in page


def test_creating_a_job_from_another_template_copies_its_stages(admin_client_, admin):
    template = pipeline_template_create(name="Interns", actor=admin)
    stage_add(owner=template, name="Assignment", actor=admin)
    admin_client_.post(CREATE, job_data(template=template.pk))
    job = Job.objects.get(title="Data Engineer")
    assert job.stages.last().name == "Assignment"


def test_the_create_form_offers_only_hiring_managers_and_recruiters(
    recruiter_client, hiring_manager, other_recruiter, admin
):
    html = recruiter_client.get(CREATE).content.decode()
    manager_select = html.split('name="hiring_manager"')[1].split("</select>")[0]
    assert "Hana Hughes" in manager_select and "Ray Romano" not in manager_select
    recruiter_boxes = html.split('name="recruiters"', 1)[1].split("</fieldset>")[0]
    assert "Ray Romano" in recruiter_boxes and "Alice Admin" in recruiter_boxes
    assert "Hana Hughes" not in recruiter_boxes


def test_form_errors_are_shown_next_to_the_field(recruiter_client):
    response = recruiter_client.post(CREATE, job_data(title="  ", openings="0"))
    html = response.content.decode()
    assert response.status_code == 200
    assert Job.objects.count() == 0
    assert 'id="id_title_error"' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="id_openings_error"' in html


def test_nonsense_input_is_refused_without_a_500(recruiter_client):
    response = recruiter_client.post(
        CREATE,
        job_data(status="archived", employment_type="x", hiring_manager="abc", openings="many"),
    )
    assert response.status_code == 200
    assert Job.objects.count() == 0


def test_editing_a_job_saves_through_the_service(recruiter_client, job, other_recruiter):
    url = reverse("jobs:edit", args=[job.pk])
    form = recruiter_client.get(url).content.decode()
    assert 'value="Backend Engineer"' in form
    assert 'name="template"' not in form
    response = recruiter_client.post(
        url,
        job_data(
            title="Senior Backend Engineer",
            status="on_hold",
            hiring_manager=job.hiring_manager_id,
            recruiters=[other_recruiter.pk],
        ),
    )
    job.refresh_from_db()
    assert response.status_code == 302
    assert (job.title, job.status) == ("Senior Backend Engineer", "on_hold")
    assert list(job.recruiters.all()) == [other_recruiter]


def test_hiring_managers_cannot_create_or_edit_jobs(manager_client, job):
    assert manager_client.get(CREATE).status_code == 403
    assert manager_client.post(CREATE, job_data()).status_code == 403
    edit = reverse("jobs:edit", args=[job.pk])
    assert manager_client.get(edit).status_code == 403
    assert manager_client.post(edit, job_data()).status_code == 403
    job.refresh_from_db()
    assert job.title == "Backend Engineer"


def test_editing_another_managers_job_is_404(outsider_client, job):
    assert outsider_client.get(reverse("jobs:edit", args=[job.pk])).status_code == 404
