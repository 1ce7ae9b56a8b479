import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from ghostless.jobs.models import Application, RejectionReason
from ghostless.jobs.services import application_move, application_reject
from ghostless.timeline.models import Kind
from ghostless.timeline.services import activity_log
from tests.factories import ApplicationFactory, CandidateFactory

DAY_1 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def day(n: int) -> datetime:
    return DAY_1 + timedelta(days=n - 1)


@pytest.fixture
def applicants(job, recruiter):
    """Bea applied first and moved to Screen, Ann was rejected, Cid reached Offer last."""
    people = {}
    for n, name in enumerate(["Bea", "Ann", "Cid"], start=1):
        with time_machine.travel(day(n), tick=False):
            candidate = CandidateFactory(
                first_name=name, last_name="Example", emails=[f"{name}@x.org"]
            )
            people[name] = ApplicationFactory(candidate=candidate, job=job, source=f"src-{name}")
            activity_log(candidate=candidate, actor=recruiter, kind=Kind.CALL)
    with time_machine.travel(day(4), tick=False):
        application_move(
            application=people["Bea"], stage=job.stages.get(name="Screen"), actor=recruiter
        )
    with time_machine.travel(day(5), tick=False):
        application_move(
            application=people["Cid"], stage=job.stages.get(name="Offer"), actor=recruiter
        )
        application_reject(
            application=people["Ann"],
            actor=recruiter,
            reason=RejectionReason.objects.get(name="Not enough experience"),
        )
    return people


@pytest.fixture
def now():
    with time_machine.travel(day(10), tick=False):
        yield


def names_in_order(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r">(Ann|Bea|Cid) Example</a>", body)


def test_job_page_lists_every_applicant_with_where_they_stand(
    recruiter_client, job, applicants, now
):
    html = recruiter_client.get(job.get_absolute_url()).content.decode()
    assert sorted(names_in_order(html)) == ["Ann", "Bea", "Cid"]
    bea = html.split(">Bea Example</a>", 1)[1].split("</tr>", 1)[0]
    assert "Screen" in bea and "status-active" in bea
    assert "1\xa0week, 2\xa0days ago" in bea  # last contact on day 1, seen on day 10
    assert "<td>6</td>" in bea  # days in Screen since day 4
    assert "3 Mar 2025" in bea and "src-Bea" in bea
    ann = html.split(">Ann Example</a>", 1)[1].split("</tr>", 1)[0]
    assert "Rejected" in ann and "Not enough experience" in ann


def test_an_applicant_never_contacted_says_never(recruiter_client, application):
    html = recruiter_client.get(application.job.get_absolute_url()).content.decode()
    row = html.split(">Cara Candidate</a>", 1)[1].split("</tr>", 1)[0]
    assert "never" in row


def test_applicant_names_link_to_the_candidate_page(recruiter_client, application):
    html = recruiter_client.get(application.job.get_absolute_url()).content.decode()
    assert f'href="{reverse("candidates:detail", args=[application.candidate_id])}"' in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Ann", "Bea", "Cid"]),
        ("stage", ["Ann", "Bea", "Cid"]),
        ("status", ["Bea", "Cid", "Ann"]),
        ("last_contact", ["Bea", "Ann", "Cid"]),
        ("days_in_stage", ["Cid", "Bea", "Ann"]),
        ("applied", ["Bea", "Ann", "Cid"]),
    ],
)
def test_each_column_sorts_both_ways(recruiter_client, job, applicants, now, sort, expected):
    url = job.get_absolute_url()
    ascending = recruiter_client.get(url, {"sort": sort}).content.decode()
    assert names_in_order(ascending) == expected
    assert re.search(r'aria-sort="ascending">\s*<a href="\?sort=-' + sort, ascending)
    descending = recruiter_client.get(url, {"sort": f"-{sort}"}).content.decode()
    assert names_in_order(descending) == list(reversed(expected))
    assert 'aria-sort="descending"' in descending


def test_newest_applicants_come_first_by_default_and_bad_sorts_are_ignored(
    recruiter_client, job, applicants
):
    url = job.get_absolute_url()
    assert names_in_order(recruiter_client.get(url).content.decode()) == ["Cid", "Ann", "Bea"]
    response = recruiter_client.get(url, {"sort": "password"})
    assert response.status_code == 200
    assert names_in_order(response.content.decode()) == ["Cid", "Ann", "Bea"]


def test_filters_by_stage_status_and_search(recruiter_client, job, applicants):
    url = job.get_absolute_url()
    screen = job.stages.get(name="Screen")
    assert names_in_order(recruiter_client.get(url, {"stage": screen.pk}).content.decode()) == [
        "Bea"
    ]
    assert names_in_order(recruiter_client.get(url, {"status": "rejected"}).content.decode()) == [
        "Ann"
    ]
    assert names_in_order(recruiter_client.get(url, {"q": "cid"}).content.decode()) == ["Cid"]
    assert names_in_order(recruiter_client.get(url, {"q": "bea@x"}).content.decode()) == ["Bea"]
    empty = recruiter_client.get(url, {"q": "nobody"}).content.decode()
    assert "No applicant matches these filters" in empty


def test_sort_links_keep_the_filters(recruiter_client, job, applicants):
    html = recruiter_client.get(job.get_absolute_url(), {"status": "active", "page": "1"}).content
    assert 'href="?status=active&amp;sort=name"' in html.decode()


def test_nonsense_filters_show_everyone_without_a_500(recruiter_client, job, applicants):
    response = recruiter_client.get(
        job.get_absolute_url(), {"stage": "abc", "status": "zzz", "page": "-4"}
    )
    assert response.status_code == 200
    assert len(names_in_order(response.content.decode())) == 3


def test_filtering_with_htmx_renders_only_the_table(recruiter_client, job, applicants):
    response = recruiter_client.get(
        job.get_absolute_url(),
        {"status": "rejected"},
        headers={"HX-Request": "true", "HX-Target": "applicants"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="applicants"')
    assert names_in_order(html) == ["Ann"] and "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_the_job_page_shows_its_details_with_escaped_linebreaks(recruiter_client, job, recruiter):
    job.description = "Line one\nLine <b>two</b>"
    job.save()
    html = recruiter_client.get(job.get_absolute_url()).content.decode()
    assert "<p>Line one<br>Line &lt;b&gt;two&lt;/b&gt;</p>" in html
    assert "Hana Hughes" in html and "Rita Reyes" in html
    assert reverse("jobs:board", args=[job.pk]) in html
    assert reverse("jobs:edit", args=[job.pk]) in html


def test_an_empty_job_page_says_how_to_add_someone(recruiter_client, job):
    html = recruiter_client.get(job.get_absolute_url()).content.decode()
    assert "Nobody is on this job yet" in html


def test_candidate_names_are_escaped_on_the_job_page(recruiter_client, job):
    candidate = CandidateFactory(first_name="<script>alert(1)</script>", last_name="X")
    ApplicationFactory(candidate=candidate, job=job)
    html = recruiter_client.get(job.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Adding a candidate to the job.


def test_searching_offers_matching_candidates(recruiter_client, job, candidate):
    CandidateFactory(first_name="Zed", last_name="Other")
    response = recruiter_client.get(
        job.get_absolute_url(),
        {"add_q": "cara"},
        headers={"HX-Request": "true", "HX-Target": "candidate_picker"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="candidate_picker"')
    assert f'<option value="{candidate.pk}">Cara Candidate (cara@example.org)</option>' in html
    assert "Zed" not in html


def test_searching_without_a_match_says_so(recruiter_client, job):
    html = recruiter_client.get(job.get_absolute_url(), {"add_q": "nobody"}).content.decode()
    assert "No candidate matches “nobody”" in html


def test_adding_a_candidate_creates_an_application(recruiter_client, job, candidate):
    response = recruiter_client.post(
        reverse("jobs:add_candidate", args=[job.pk]),
        {"candidate": candidate.pk, "source": "LinkedIn"},
        follow=True,
    )
    application = Application.objects.get(job=job, candidate=candidate)
    assert (application.stage.name, application.source) == ("Sourced", "LinkedIn")
    assert "Added <a href" in response.content.decode()


def test_a_candidate_added_from_the_job_page_lands_in_sourced_even_when_it_is_not_first(
    recruiter_client, job, candidate
):
    job.stages.filter(name="Sourced").update(order=3)
    recruiter_client.post(reverse("jobs:add_candidate", args=[job.pk]), {"candidate": candidate.pk})
    application = Application.objects.get(job=job, candidate=candidate)
    assert (application.stage.name, application.stage.role) == ("Sourced", "sourced")


def test_adding_someone_already_on_the_job_links_to_their_application(
    recruiter_client, application
):
    response = recruiter_client.post(
        reverse("jobs:add_candidate", args=[application.job_id]),
        {"candidate": application.candidate_id},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cara Candidate is already on Backend Engineer." in html
    assert f'<a href="{application.get_absolute_url()}">Open their application</a>' in html
    assert Application.objects.count() == 1


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_adding_without_a_valid_candidate_is_refused(recruiter_client, job, value):
    response = recruiter_client.post(
        reverse("jobs:add_candidate", args=[job.pk]), {"candidate": value}, follow=True
    )
    assert response.status_code == 200
    assert Application.objects.count() == 0
    assert 'class="flash flash-error"' in response.content.decode()


def test_hiring_managers_see_no_add_form_and_cannot_add(manager_client, job, candidate):
    html = manager_client.get(job.get_absolute_url()).content.decode()
    assert "Add a candidate" not in html and reverse("jobs:edit", args=[job.pk]) not in html
    response = manager_client.post(
        reverse("jobs:add_candidate", args=[job.pk]), {"candidate": candidate.pk}
    )
    assert response.status_code == 403
    assert Application.objects.count() == 0
