"""The kit page: who may open it, what it shows, the scorecard form, and the kit's resume."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.careers.models import ApplicationAnswer
from ghostless.interviews.models import InterviewStatus, Scorecard
from ghostless.resumes.models import Resume
from tests.conftest import client_for
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory
from tests.interviews.factories_scorecards import interview_on
from tests.parsed_html import find, find_all, texts

pytestmark = pytest.mark.django_db

FORM = {
    "rating-0": "yes",
    "rating-1": "strong_yes",
    "note-0": "Clean design.",
    "note-1": "Found it by bisecting.",
    "note-general": "",
    "takeaways": "Strong <b>hire</b>",
    "recommendation": "strong_yes",
}


@pytest.fixture
def panel(application, interviewer, second_interviewer):
    ApplicationAnswer.objects.create(
        application=application, label="Why us?", value="<script>alert(1)</script>"
    )
    return interview_on(application, interviewers=[interviewer, second_interviewer])


@pytest.fixture
def resume(application):
    name = default_storage.save("resumes/kit-test.txt", ContentFile(b"Cara's resume"))
    yield Resume.objects.create(
        candidate=application.candidate,
        file=name,
        original_filename="cara.txt",
        content_type="text/plain",
        size=13,
        sha256="0" * 64,
        uploaded_at=timezone.now(),
        is_current=True,
    )
    default_storage.delete(name)


def kit_url(interview):
    return f"/interviews/{interview.pk}/kit/"


def test_the_kit_shows_what_the_interviewer_needs(panel, interviewer, resume):
    page = client_for(interviewer).get(kit_url(panel))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Cara Candidate" in texts(page, "h2")
    assert "Probe trade-offs, not trivia." in body
    assert "Design a URL shortener." in texts(page, "li")
    assert {"System design", "Communication"} <= set(texts(page, "legend"))
    assert "Ines Inquirer" in body
    # The candidate's own words are escaped.
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    link = find(page, "a", href=f"/interviews/{panel.pk}/resume/")
    assert link is not None


def test_every_rating_is_a_labelled_radio_group(panel, interviewer):
    page = client_for(interviewer).get(kit_url(panel))
    groups = find_all(page, "fieldset", class_="rating")
    assert len(groups) == 2
    for group in groups:
        radios = group.xpath(".//label/input[@type='radio']")
        assert [r.get("value") for r in radios] == [
            "strong_no",
            "no",
            "yes",
            "strong_yes",
            "not_assessed",
        ]


def test_the_interviewer_opens_that_candidates_resume_and_no_other(panel, interviewer, resume):
    client = client_for(interviewer)
    response = client.get(f"/interviews/{panel.pk}/resume/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Cara's resume"
    assert client.get(f"/resumes/{resume.pk}/").status_code == 404


def test_people_not_on_the_interview_are_refused(panel, outsider, other_recruiter, db):
    stranger = UserFactory(username="elsa", role="interviewer")
    for user in (outsider, stranger):
        assert client_for(user).get(kit_url(panel)).status_code == 404
    # Recruiters may open any kit.
    assert client_for(other_recruiter).get(kit_url(panel)).status_code == 200


def test_a_removed_interviewer_loses_the_kit(panel, interviewer):
    panel.attendees.filter(user=interviewer).update(removed_at=timezone.now())
    assert client_for(interviewer).get(kit_url(panel)).status_code == 404


def test_the_hiring_manager_reads_the_kit_without_a_form(panel, hiring_manager):
    page = client_for(hiring_manager).get(kit_url(panel))
    assert page.status_code == 200
    assert not find_all(page, "form", action=f"/interviews/{panel.pk}/scorecard/")


def test_the_others_cards_show_only_after_submitting_ones_own(
    panel, interviewer, second_interviewer
):
    client_for(second_interviewer).post(f"/interviews/{panel.pk}/scorecard/", FORM)
    mine = client_for(interviewer)
    before = mine.get(kit_url(panel))
    assert not find_all(before, "section", id="feedback")
    assert "Ines Inquirer · Technical interview: Strong yes" not in texts(before, "h3")
    response = mine.post(f"/interviews/{panel.pk}/scorecard/", FORM)
    assert response.status_code == 302
    after = mine.get(kit_url(panel))
    headings = texts(after, "h3")
    assert "Ines Inquirer · Technical interview: Strong yes" in headings
    assert "Ivan Interviewer · Technical interview: Strong yes" in headings
    assert "Strong <b>hire</b>" not in after.content.decode()


def test_amending_shows_the_earlier_version(panel, interviewer):
    client = client_for(interviewer)
    client.post(f"/interviews/{panel.pk}/scorecard/", FORM | {"takeaways": "First go."})
    client.post(f"/interviews/{panel.pk}/scorecard/", FORM | {"takeaways": "Second go."})
    page = client.get(kit_url(panel))
    summary = texts(page, "summary")
    assert any(s.startswith("Amended, earlier version of") for s in summary)
    assert "First go." in page.content.decode()
    assert find(page, "textarea", id="takeaways").text == "Second go."


def test_a_refused_scorecard_shows_the_error_and_keeps_what_was_typed(panel, interviewer):
    response = client_for(interviewer).post(
        f"/interviews/{panel.pk}/scorecard/", FORM | {"recommendation": "perhaps"}
    )
    assert response.status_code == 200
    assert texts(response, "p", class_="errors")[0].startswith("Recommend one of")
    assert find(response, "textarea", id="note-0").text == "Clean design."
    assert not Scorecard.objects.exists()


def test_a_cancelled_interview_refuses_the_form(panel, interviewer):
    panel.status = InterviewStatus.CANCELLED
    panel.save()
    response = client_for(interviewer).post(f"/interviews/{panel.pk}/scorecard/", FORM)
    assert "cancelled" in texts(response, "p", class_="errors")[0]


def test_someone_who_may_read_the_kit_but_is_not_on_it_gets_a_403(panel, recruiter):
    response = client_for(recruiter).post(f"/interviews/{panel.pk}/scorecard/", FORM)
    assert response.status_code == 403


def test_the_interviewers_home_lists_their_interviews(panel, interviewer, job):
    other = ApplicationFactory(candidate=CandidateFactory(first_name="Nora"), job=job)
    interview_on(other, interviewers=[UserFactory(username="zed")])
    page = client_for(interviewer).get("/", follow=True)
    assert page.status_code == 200
    # Today's, and owed its scorecard.
    assert set(texts(page, "a", href=kit_url(panel))) == {"Technical interview with Cara Candidate"}
    assert "Nora" not in page.content.decode()
    assert texts(page, "a", href=kit_url(panel) + "#scorecard") == [
        "Write scorecard for Cara Candidate"
    ]


def test_the_application_page_shows_the_feedback_summary_in_fixed_queries(
    panel, application, interviewer, second_interviewer, recruiter, job
):
    client_for(interviewer).post(f"/interviews/{panel.pk}/scorecard/", FORM)
    client = client_for(recruiter)
    url = f"/jobs/applications/{application.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        page = client.get(url)
    assert "Ivan Interviewer · Technical interview: Strong yes" in texts(page, "h3")
    assert "Ines Inquirer for Technical interview" in " ".join(texts(page, "li"))
    # More interviews and cards cost no more queries.
    for n in range(3):
        extra = UserFactory(username=f"panel{n}", role="interviewer")
        more = interview_on(application, interviewers=[extra])
        client_for(extra).post(f"/interviews/{more.pk}/scorecard/", FORM)
    with CaptureQueriesContext(connection) as second:
        page = client.get(url)
    assert len(texts(page, "h3")) >= 4
    assert len(second) == len(first)


def test_the_interviewers_home_costs_the_same_with_more_interviews(application, interviewer, job):
    interview_on(application, interviewers=[interviewer])
    client = client_for(interviewer)
    client.get("/interviews/")
    with CaptureQueriesContext(connection) as first:
        client.get("/interviews/")
    for name in ("Nora", "Omar", "Pia"):
        other = ApplicationFactory(candidate=CandidateFactory(first_name=name), job=job)
        interview_on(other, interviewers=[interviewer])
    with CaptureQueriesContext(connection) as second:
        page = client.get("/interviews/")
    assert len(find_all(page, "ul", class_="interview-rows")[0].xpath("./li")) == 4
    assert len(second) == len(first)
