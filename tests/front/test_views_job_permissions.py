from django.urls import reverse

from tests.factories import ApplicationFactory, CandidateFactory, JobFactory


def test_hiring_manager_sees_only_their_own_jobs_in_the_list(manager_client, job, outsider):
    JobFactory(title="Sales Lead", hiring_manager=outsider)
    html = manager_client.get(reverse("jobs:list")).content.decode()
    assert "Backend Engineer" in html and "Sales Lead" not in html


def test_hiring_manager_sees_their_job_page_board_and_applications(
    manager_client, job, application
):
    for url in (
        job.get_absolute_url(),
        reverse("jobs:board", args=[job.pk]),
        application.get_absolute_url(),
    ):
        response = manager_client.get(url)
        assert response.status_code == 200, url
        assert "Cara Candidate" in response.content.decode()


def test_hiring_manager_gets_404_for_other_jobs(outsider_client, job, application):
    for url in (
        job.get_absolute_url(),
        reverse("jobs:board", args=[job.pk]),
        reverse("jobs:edit", args=[job.pk]),
        reverse("jobs:stages", args=[job.pk]),
        application.get_absolute_url(),
    ):
        assert outsider_client.get(url).status_code == 404, url
    assert "Backend Engineer" not in outsider_client.get(reverse("jobs:list")).content.decode()


def test_other_hiring_managers_cannot_add_to_or_move_on_a_job_they_cannot_see(
    outsider_client, job, application
):
    candidate = CandidateFactory()
    add = reverse("jobs:add_candidate", args=[job.pk])
    assert outsider_client.post(add, {"candidate": candidate.pk}).status_code == 404
    move = reverse("jobs:move", args=[application.pk])
    offer = job.stages.get(name="Offer")
    assert outsider_client.post(move, {"stage_id": offer.pk}).status_code == 404


def test_recruiters_see_every_job(recruiter_client, other_recruiter, outsider):
    job = JobFactory(title="Sales Lead", hiring_manager=outsider, recruiters=[other_recruiter])
    ApplicationFactory(job=job)
    assert recruiter_client.get(job.get_absolute_url()).status_code == 200
    assert recruiter_client.get(reverse("jobs:board", args=[job.pk])).status_code == 200


def test_unknown_jobs_and_applications_are_404(recruiter_client):
    assert recruiter_client.get(reverse("jobs:detail", args=[999999])).status_code == 404
    assert recruiter_client.get(reverse("jobs:application", args=[999999])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, job):
    response = client.get(job.get_absolute_url())
    assert response.status_code == 302 and "/login/" in response.url
