import pytest
from django.urls import reverse

from ghostless.jobs.models import PipelineTemplate, RejectionReason
from tests.factories import JobFactory
from tests.parsed_html import find, text

SETTINGS = reverse("jobs:settings")


def stage_names(owner) -> list[str]:
    return list(owner.stages.order_by("order", "id").values_list("name", flat=True))


def stages_url(job) -> str:
    return reverse("jobs:stages", args=[job.pk])


def test_admin_renames_adds_and_reorders_a_jobs_stages(admin_client_, job):
    url = stages_url(job)
    screen = job.stages.get(name="Screen")
    response = admin_client_.post(
        url, {"action": "rename", "stage": screen.pk, "name": "Phone screen"}
    )
    assert response["Location"] == url
    admin_client_.post(url, {"action": "add", "name": "Reference check"})
    reference = job.stages.get(name="Reference check")
    admin_client_.post(url, {"action": "up", "stage": reference.pk})
    admin_client_.post(url, {"action": "down", "stage": job.stages.get(name="Sourced").pk})
    assert stage_names(job) == [
        "Applied", "Sourced", "Contacted", "Phone screen", "Interview", "Offer", "Hired",
        "Reference check", "Onboarding",
    ]  # fmt: skip
    page = admin_client_.get(url).content.decode()
    assert "Pipeline saved." in page and 'value="Phone screen"' in page


def test_admin_deletes_an_empty_stage(admin_client_, job):
    offer = job.stages.get(name="Offer")
    admin_client_.post(stages_url(job), {"action": "delete", "stage": offer.pk, "confirm": "yes"})
    assert "Offer" not in stage_names(job)


def test_deleting_a_stage_with_applications_is_refused_next_to_it(admin_client_, application):
    job = application.job
    sourced = job.stages.get(name="Sourced")
    response = admin_client_.post(
        stages_url(job), {"action": "delete", "stage": sourced.pk, "confirm": "yes"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sourced" in stage_names(job)
    assert (
        f'<p class="errors" id="stage-{sourced.pk}-error" role="alert">'
        "1 application(s) are in Sourced; move them before deleting it.</p>"
    ) in html
    assert f'aria-describedby="stage-{sourced.pk}-error"' in html


def test_a_duplicate_or_empty_stage_name_is_shown_next_to_the_input(admin_client_, job):
    response = admin_client_.post(stages_url(job), {"action": "add", "name": "screen"})
    html = response.content.decode()
    assert "There is already a stage called screen." in html
    assert 'id="new-stage-error"' in html and 'aria-invalid="true"' in html
    assert 'value="screen"' in html
    response = admin_client_.post(
        stages_url(job), {"action": "rename", "stage": job.stages.first().pk, "name": " "}
    )
    assert "A stage needs a name." in response.content.decode()
    assert len(stage_names(job)) == 8


@pytest.mark.parametrize(
    "data",
    [
        {"action": "rename", "stage": "abc", "name": "x"},
        {"action": "delete", "stage": "99999"},
        {"action": "explode", "stage": "1"},
        {"action": "add", "name": "x" * 500},
        {},
    ],
)
def test_bad_stage_edits_are_refused_without_a_500(admin_client_, job, data):
    response = admin_client_.post(stages_url(job), data)
    assert response.status_code == 200
    assert len(stage_names(job)) == 8


def test_a_stage_of_another_job_cannot_be_edited_from_this_one(admin_client_, job):
    other = JobFactory(title="Designer")
    foreign = other.stages.get(name="Offer")
    admin_client_.post(stages_url(job), {"action": "delete", "stage": foreign.pk})
    assert "Offer" in stage_names(other)


def test_admin_creates_a_template_makes_it_default_and_edits_it(admin_client_):
    response = admin_client_.post(SETTINGS, {"action": "template_create", "name": "Sales"})
    template = PipelineTemplate.objects.get(name="Sales")
    assert response["Location"] == reverse("jobs:template", args=[template.pk])
    assert len(stage_names(template)) == 8
    url = reverse("jobs:template", args=[template.pk])
    admin_client_.post(url, {"action": "add", "name": "Trial day"})
    admin_client_.post(
        url, {"action": "delete", "stage": template.stages.get(name="Offer").pk, "confirm": "yes"}
    )
    assert "Trial day" in stage_names(template) and "Offer" not in stage_names(template)
    admin_client_.post(SETTINGS, {"action": "template_default", "template": template.pk})
    assert PipelineTemplate.objects.get(is_default=True) == template
    page = admin_client_.get(SETTINGS).content.decode()
    assert "New jobs now start with Sales." in page
    assert "Sourced → Applied" in page


def test_a_duplicate_template_name_is_shown_next_to_the_field(admin_client_):
    response = admin_client_.post(SETTINGS, {"action": "template_create", "name": "default"})
    html = response.content.decode()
    assert "There is already a template called default." in html
    assert 'aria-invalid="true"' in html
    assert PipelineTemplate.objects.count() == 1


def test_admin_adds_renames_and_deactivates_rejection_reasons(admin_client_):
    admin_client_.post(SETTINGS, {"action": "reason_add", "name": "Visa timing"})
    reason = RejectionReason.objects.get(name="Visa timing")
    admin_client_.post(
        SETTINGS, {"action": "reason_rename", "reason": reason.pk, "name": "Visa timeline"}
    )
    admin_client_.post(SETTINGS, {"action": "reason_toggle", "reason": reason.pk})
    reason.refresh_from_db()
    assert (reason.name, reason.active) == ("Visa timeline", False)
    admin_client_.post(SETTINGS, {"action": "reason_toggle", "reason": reason.pk})
    reason.refresh_from_db()
    assert reason.active


def test_a_clashing_reason_name_is_shown_next_to_that_reason(admin_client_, reason):
    other = RejectionReason.objects.exclude(pk=reason.pk).first()
    response = admin_client_.post(
        SETTINGS, {"action": "reason_rename", "reason": other.pk, "name": reason.name}
    )
    html = response.content.decode()
    assert f'id="reason-{other.pk}-error"' in html
    assert f"There is already a reason called {reason.name}." in html


@pytest.mark.parametrize(
    "data",
    [
        {"action": "reason_rename", "reason": "abc", "name": "x"},
        {"action": "template_default", "template": "99999"},
        {"action": "nonsense"},
    ],
)
def test_bad_settings_posts_are_refused_without_a_500(admin_client_, data):
    assert admin_client_.post(SETTINGS, data).status_code in (400, 404)


def test_non_admins_get_404_for_admin_pages_and_403_for_their_posts(
    recruiter_client, manager_client, job
):
    template = PipelineTemplate.objects.get()
    pages = [SETTINGS, reverse("jobs:template", args=[template.pk]), stages_url(job)]
    for client in (recruiter_client, manager_client):
        for url in pages:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"action": "add", "name": "Sneaky"}).status_code == 403, url
    assert "Sneaky" not in stage_names(job) and "Sneaky" not in stage_names(template)
    assert not RejectionReason.objects.filter(name="Sneaky").exists()


def test_only_admins_see_the_stages_link(admin_client_, recruiter_client, job):
    assert stages_url(job) in admin_client_.get(job.get_absolute_url()).content.decode()
    assert stages_url(job) not in recruiter_client.get(job.get_absolute_url()).content.decode()


def test_admin_sets_a_stage_role_and_a_duplicate_is_refused_next_to_it(admin_client_, job):
    url = stages_url(job)
    contacted = job.stages.get(name="Contacted")
    response = admin_client_.post(url, {"action": "role", "stage": contacted.pk, "role": "screen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Screen already has the role Screen." in html
    assert f'<label for="stage-{contacted.pk}-role">Role</label>' in html
    assert f'id="stage-{contacted.pk}-role" name="role" aria-invalid="true"' in html

    screen = job.stages.get(name="Screen")
    admin_client_.post(url, {"action": "role", "stage": screen.pk, "role": ""})
    response = admin_client_.post(url, {"action": "role", "stage": contacted.pk, "role": "screen"})
    assert response["Location"] == url
    assert dict(job.stages.values_list("name", "role"))["Contacted"] == "screen"
    assert (
        '<option value="screen" selected>Screen</option>' in admin_client_.get(url).content.decode()
    )


def test_deleting_a_stage_asks_first_and_keeps_it_until_confirmed(admin_client_, job):
    offer = job.stages.get(name="Offer")
    response = admin_client_.post(stages_url(job), {"action": "delete", "stage": offer.pk})
    assert response.status_code == 200
    assert "Offer" in stage_names(job)
    dialog = find(response, "div", data_confirm_body=True)
    assert "Delete the stage Offer?" in text(dialog)
    assert "No application is in it." in text(dialog)
    assert text(find(dialog, "button")) == "Delete Offer"
    assert find(dialog, "a", data_confirm_cancel=True).get("href") == stages_url(job)
