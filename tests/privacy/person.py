"""A person with a distinctive string in every place Ghostless keeps words about them, made
through the real services where one exists, for the no-trace tests."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from ghostless.accounts.models import Role
from ghostless.candidates.models import Candidate, DuplicateDismissal
from ghostless.candidates.services import candidate_create, candidate_update
from ghostless.careers.models import JobQuestion
from ghostless.careers.services import ApplicantInput, application_submit
from ghostless.interviews.scorecards import scorecard_submit
from ghostless.jobs.models import ApplicationStatus
from ghostless.merges.services import candidate_merge
from ghostless.messaging import inbound, outbox
from ghostless.messaging.batches import skip_row
from ghostless.messaging.models import BulkSend
from ghostless.messaging.services import message_queue
from ghostless.resumes.models import Resume
from ghostless.resumes.services import resume_extract
from ghostless.texts import outbox as texts_outbox
from ghostless.texts.inbound import receive_call, receive_text
from ghostless.texts.services import text_queue
from ghostless.timeline.services import activity_log
from tests.factories import JobFactory, UserFactory
from tests.interviews.factories_scorecards import interview_on

# Lower case: every search below ignores case.
SECRETS = [
    "zorblatt",  # first name
    "quixotica",  # last name
    "2025550147",  # phone
    "xylophonic",  # resume text
    "wobblefrost",  # email subject
    "marzipanic",  # email body
    "pumpernickelish",  # their reply
    "snickerdoodle",  # a note
    "fandangoist",  # a careers answer
    "brontosaurish",  # scorecard notes
    "quibbleworks",  # company
    "grommetville",  # location
    "snorkelmancy",  # skills
    "gnarlwhistle",  # custom field
    "flumphington",  # the merged duplicate's name
]
EMAIL = "zorblatt.quixotica@example.org"


@dataclass
class Person:
    candidate: Candidate
    recruiter: object


def build_person() -> Person:
    recruiter = UserFactory(username="rosa", role=Role.RECRUITER, first_name="Rosa")
    interviewer = UserFactory(username="igor", role=Role.INTERVIEWER, first_name="Igor")
    job = JobFactory(title="Data Engineer", recruiters=[recruiter])
    question = JobQuestion.objects.create(job=job, label="Why us?", kind="long_text")
    resume = SimpleUploadedFile(
        "cv.txt", b"Zorblatt Quixotica\nXylophonic data wrangler\n", content_type="text/plain"
    )
    applicant = ApplicantInput(
        first_name="Zorblatt",
        last_name="Quixotica",
        email=EMAIL,
        phone="+1 202 555 0147",
        link="https://www.linkedin.com/in/zorblatt-quixotica",
        answers={question.pk: "Fandangoist reasons"},
    )
    with transaction.atomic():
        application = application_submit(job=job, applicant=applicant, resume=resume)
    candidate = application.candidate
    resume_extract(resume=Resume.objects.get(candidate=candidate))
    candidate = candidate_update(
        candidate=candidate,
        actor=recruiter,
        current_company="Quibbleworks",
        current_title="Chief Zorblatt",
        location="Grommetville",
        skills="Snorkelmancy",
        custom_fields={"nickname": "Gnarlwhistle"},
    )
    activity_log(
        candidate=candidate, actor=recruiter, kind="note", body="Snickerdoodle Zorblatt said hi"
    )
    message = message_queue(
        candidate=candidate,
        actor=recruiter,
        subject="Wobblefrost, Zorblatt",
        body="Marzipanic news for Zorblatt Quixotica",
        application=application,
    )
    outbox.handle_one(message.pk)
    message.refresh_from_db()
    raw = (
        f"From: Zorblatt Quixotica <{EMAIL}>\r\nTo: jobs@localhost\r\n"
        f"Subject: Re: Wobblefrost\r\nMessage-ID: <reply-zq@example.org>\r\n"
        f"In-Reply-To: {message.message_id}\r\n\r\nPumpernickelish thanks, Zorblatt\r\n"
    ).encode()
    inbound.receive(raw, source="webhook")
    interview = interview_on(application, interviewers=[interviewer])
    attribute = (interview.planned.attributes or ["Depth"])[0]
    scorecard_submit(
        interview=interview,
        actor=interviewer,
        ratings={attribute: "yes"},
        recommendation="yes",
        notes="Brontosaurish answers from Zorblatt",
    )
    text = text_queue(candidate=candidate, actor=recruiter, body="Zorblatt, a quick call?")
    texts_outbox.handle_one(text.pk)
    receive_text(
        {
            "MessageSid": "SM0000000000000000000000000000abcd",
            "From": "+12025550147",
            "Body": "Marzipanic, yes please",
        }
    )
    receive_call(
        {
            "CallSid": "CA0000000000000000000000000000abcd",
            "From": "+12025550147",
            "Direction": "inbound",
            "CallStatus": "completed",
            "RecordingUrl": "https://api.twilio.com/recordings/RE1",
            "TranscriptionText": "Zorblatt calling back about the role",
        }
    )
    application.status = ApplicationStatus.REJECTED
    application.save(update_fields=["status"])
    duplicate = candidate_create(
        actor=recruiter, first_name="Flumphington", last_name="Quixotica", emails=["fq@example.org"]
    )
    candidate_merge(survivor=candidate, other=duplicate, actor=recruiter)
    BulkSend.objects.create(
        actor=recruiter,
        job=job,
        application_ids=[application.pk, 0],
        total=2,
        skipped=[
            skip_row(application.pk, "Zorblatt Quixotica", "Zorblatt Quixotica has no email"),
            skip_row(0, "Someone Else", "Deleted"),
        ],
    )
    other = candidate_create(actor=recruiter, first_name="Someone", last_name="Else")
    low, high = sorted([candidate.pk, other.pk])
    DuplicateDismissal.objects.create(candidate_a_id=low, candidate_b_id=high)
    return Person(candidate=Candidate.objects.get(pk=candidate.pk), recruiter=recruiter)
