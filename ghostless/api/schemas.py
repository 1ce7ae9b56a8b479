"""What goes in and out of the API. Users appear by username, enumerations by their value."""

from datetime import datetime
from typing import Annotated, Any, get_args

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, ConfigDict, StringConstraints, model_validator

from ghostless.careers.models import QuestionKind
from ghostless.jobs.models import ApplicationStatus, EmploymentType, JobStatus
from ghostless.timeline.models import Direction, Kind, Outcome

# Bounds of the database columns: PostgreSQL refuses what does not fit, SQLite would not.
MAX_ID = 2**63 - 1
MAX_OFFSET = 2**31 - 1
SMALLINT_MAX = 32767
PAGE_LIMIT_MAX = 100


def _no_nul(value: Any) -> Any:
    """Refuse NUL characters anywhere inside, which PostgreSQL cannot store."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("Text cannot contain NUL characters.")
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _no_nul(item)
    elif isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Text = Annotated[str, AfterValidator(_no_nul)]
JsonObject = Annotated[dict[str, Any], AfterValidator(_no_nul)]
Text40 = Annotated[Text, StringConstraints(max_length=40)]
Text60 = Annotated[Text, StringConstraints(max_length=60)]
Text100 = Annotated[Text, StringConstraints(max_length=100)]
Text120 = Annotated[Text, StringConstraints(max_length=120)]
Text150 = Annotated[Text, StringConstraints(max_length=150)]
Text200 = Annotated[Text, StringConstraints(max_length=200)]
Text254 = Annotated[Text, StringConstraints(max_length=254)]
Text300 = Annotated[Text, StringConstraints(max_length=300)]


def _check_url(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValueError("Enter a full http:// or https:// address.") from None
    return value


Url = Annotated[
    Text, StringConstraints(max_length=300, strip_whitespace=True), AfterValidator(_check_url)
]


class Page(LimitOffsetPagination):
    """`?limit=&offset=`; a limit above 100 is served as 100."""

    class Input(Schema):
        limit: int = Field(25, ge=1)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=PAGE_LIMIT_MAX, **kwargs)


# Out


class UserOut(Schema):
    id: int
    username: str
    name: str
    email: str
    role: str


class WithdrawIn(Schema):
    reason: str = Field("", max_length=200, description="Why they withdrew, in their words.")


class StageOut(Schema):
    id: int
    name: str
    order: int
    # sourced, applied, screen, interview, offer, hired; "" for a stage with no role.
    role: str
    # What candidates read on their status page: the stage's own words or its role's default.
    candidate_name: str
    candidate_description: str

    @staticmethod
    def resolve_candidate_name(stage) -> str:
        return stage.candidate_facing[0]

    @staticmethod
    def resolve_candidate_description(stage) -> str:
        return stage.candidate_facing[1]


class JobStageOut(StageOut):
    hear_back_days: int | None = Field(
        description="Business days after an interview in this stage by which candidates are "
        "promised an answer; null for no promise."
    )


class QuestionOut(Schema):
    """A question the job's careers-page application form asks."""

    label: str
    kind: str
    choices: list[str]
    required: bool


class JobOut(Schema):
    id: int
    title: str
    department: str
    location: str
    employment_type: str
    description: str
    skills: str
    status: str
    hiring_manager: str | None
    recruiters: list[Text150]
    openings: int
    feedback_due_hours: int = Field(
        description="Business hours after an interview before a missing scorecard is a "
        "`feedback_due` follow-up."
    )
    decision_due_days: int = Field(
        description="Business days after a stage's last scorecard before an undecided "
        "application is a `decision_due` follow-up."
    )
    stages: list[JobStageOut]
    questions: list[QuestionOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_hiring_manager(job) -> str | None:
        return job.hiring_manager.username if job.hiring_manager_id else None

    @staticmethod
    def resolve_recruiters(job) -> list[str]:
        return [user.username for user in job.recruiters.all()]

    @staticmethod
    def resolve_stages(job) -> list:
        return list(job.stages.all())

    @staticmethod
    def resolve_questions(job) -> list:
        return list(job.questions.all())


class CandidateApplicationOut(Schema):
    """An application as seen from its candidate."""

    id: int
    job_id: int
    job_title: str = Field(alias="job.title")
    stage: StageOut
    status: str
    source: str
    created_at: datetime


class PhoneOut(Schema):
    phone: str
    # The number texted STOP or cannot take texts: nothing is texted to it (docs/texts.md).
    sms_opted_out: bool
    sms_opted_out_at: datetime | None

    @staticmethod
    def resolve_sms_opted_out(row) -> bool:
        return row.sms_opted_out_at is not None


class CandidateOut(Schema):
    id: int
    first_name: str
    last_name: str
    emails: list[str]
    phones: list[str]
    # Each of `phones` with whether it may be texted, in the same order.
    phone_numbers: list[PhoneOut]
    location: str
    linkedin_url: str
    github_url: str
    website_url: str
    current_title: str
    current_company: str
    skills: str
    tags: list[str]
    source: str
    owner: Text150 | None
    custom_fields: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    last_contact_at: datetime | None
    # Marked do not contact: no email or text may be sent (PUT .../do-not-contact).
    do_not_contact: bool
    do_not_contact_reason: str
    do_not_contact_at: datetime | None
    # Only the applications the caller may see: a hiring manager sees their own jobs'.
    applications: list[CandidateApplicationOut] = Field(alias="visible_applications")

    @staticmethod
    def resolve_emails(candidate) -> list[str]:
        return [row.email for row in candidate.emails.all()]

    @staticmethod
    def resolve_phones(candidate) -> list[str]:
        return [row.phone for row in candidate.phones.all()]

    @staticmethod
    def resolve_phone_numbers(candidate) -> list:
        return list(candidate.phones.all())

    @staticmethod
    def resolve_tags(candidate) -> list[str]:
        return [tag.name for tag in candidate.tags.all()]

    @staticmethod
    def resolve_owner(candidate) -> str | None:
        return candidate.owner.username if candidate.owner_id else None

    @staticmethod
    def resolve_do_not_contact(candidate) -> bool:
        return candidate.do_not_contact_at is not None


class DoNotContactIn(Schema):
    do_not_contact: bool
    # Required when setting; kept on the record and shown on the profile.
    reason: str = Field("", max_length=300)


class CandidateRef(Schema):
    id: int
    first_name: str
    last_name: str


class CandidateSummaryOut(CandidateRef):
    """Enough to tell two records apart."""

    current_title: str
    current_company: str
    location: str
    linkedin_url: str
    created_at: datetime


class DuplicateOut(Schema):
    candidate: CandidateSummaryOut
    reasons: list[str]
    score: float


class MergeOut(Schema):
    merge_id: int
    candidate: CandidateOut


class ApplicationOut(Schema):
    id: int
    candidate: CandidateRef
    job_id: int
    stage: StageOut
    status: str
    rejection_reason: str | None
    source: str
    owner: Text150 | None
    created_at: datetime
    stage_entered_at: datetime
    status_changed_at: datetime | None
    hear_back_by: datetime | None = Field(
        description="The date the candidate was promised an answer by after an interview."
    )

    @staticmethod
    def resolve_rejection_reason(application) -> str | None:
        return application.rejection_reason.name if application.rejection_reason_id else None

    @staticmethod
    def resolve_owner(application) -> str | None:
        return application.owner.username if application.owner_id else None


class StageChangeOut(Schema):
    from_stage: StageOut | None
    to_stage: StageOut
    actor: str | None
    changed_at: datetime

    @staticmethod
    def resolve_actor(change) -> str | None:
        return change.actor.username if change.actor_id else None


class ApplicationDetailOut(ApplicationOut):
    job_title: str = Field(alias="job.title")
    stage_changes: list[StageChangeOut]

    @staticmethod
    def resolve_stage_changes(application) -> list:
        return list(application.stage_changes.all())


class ActivityOut(Schema):
    id: int
    kind: str
    direction: str
    outcome: str
    occurred_at: datetime
    created_at: datetime
    actor: str | None
    subject: str
    body: str
    private: bool
    application_id: int | None
    job_id: int | None
    payload: dict[str, Any]

    @staticmethod
    def resolve_actor(activity) -> str | None:
        return activity.actor.username if activity.actor_id else None

    @staticmethod
    def resolve_job_id(activity) -> int | None:
        return activity.application.job_id if activity.application_id else None


class CallbackRef(Schema):
    id: int
    due_at: datetime


class ActivityLoggedOut(ActivityOut):
    followup: CallbackRef | None = Field(
        None, description="The call-back follow-up made from `callback_at`, if one was sent."
    )

    @staticmethod
    def resolve_followup(activity):
        return getattr(activity, "callback", None)


# In


class In(Schema):
    """A request body: a misspelt field is refused rather than silently ignored, and `null`
    for a field that cannot hold it means "left out" (its default; in a PATCH, unchanged), as
    API clients send it."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def null_is_absent(cls, data):
        body = data._obj if isinstance(data, DjangoGetter) else data  # as ninja hands it on
        if not isinstance(body, dict):
            return data
        fields = cls.model_fields
        return {
            name: value
            for name, value in body.items()
            if value is not None or name not in fields or _nullable(fields[name].annotation)
        }


def _nullable(annotation) -> bool:
    return annotation is Any or type(None) in get_args(annotation)


Skills = Annotated[
    Text,
    StringConstraints(max_length=500),
    Field(description="Comma-separated, e.g. “Python, Django, Kubernetes”."),
]


class CandidateIn(In):
    first_name: Text100
    last_name: Text100 = ""
    emails: list[Text254] = []
    phones: list[Text40] = []
    location: Text200 = ""
    linkedin_url: Url = ""
    github_url: Url = ""
    website_url: Url = ""
    current_title: Text200 = ""
    current_company: Text200 = ""
    skills: Skills = ""
    tags: list[Text60] = []
    source: Text100 = ""
    owner: Text150 | None = Field(
        None, description="Username of a recruiter or admin; the caller when left out or null."
    )
    custom_fields: JsonObject = {}


class CandidatePatch(In):
    """Every field optional: only those sent change. `owner: null` clears the owner."""

    first_name: Text100 = None
    last_name: Text100 = None
    emails: list[Text254] = None
    phones: list[Text40] = None
    location: Text200 = None
    linkedin_url: Url = None
    github_url: Url = None
    website_url: Url = None
    current_title: Text200 = None
    current_company: Text200 = None
    skills: Skills = None
    tags: list[Text60] = None
    source: Text100 = None
    owner: Text150 | None = None
    custom_fields: JsonObject = None


class MergeIn(In):
    other_id: Id = Field(description="The record to fold into this one; it is deleted.")


class CandidateFilters(Schema):
    job: Id | None = None
    stage: Id | None = None
    status: ApplicationStatus | None = None
    owner: Text150 = ""
    tag: Text60 = ""
    source: Text100 = ""
    q: Text200 = ""
    linkedin_url: Text300 = Field(
        "", description="A LinkedIn profile address: the candidates with that profile."
    )


class TimelineFilters(Schema):
    kind: Kind | None = None
    job: Id | None = None


class ActivityIn(In):
    kind: Kind
    direction: Direction = Direction.OUTBOUND
    outcome: Outcome = Outcome.NONE
    subject: Text300 = ""
    body: Text = ""
    occurred_at: datetime | None = Field(None, description="ISO 8601 with a zone; now if left out.")
    application_id: Id | None = None
    private: bool = False
    callback_at: datetime | None = Field(
        None,
        description="The candidate was promised a call back then (ISO 8601 with a zone, still "
        "to come): a call-back follow-up, due then, goes to you with the subject as its note.",
    )


class QuestionIn(In):
    label: Text300
    kind: QuestionKind
    choices: list[Text] = Field(
        default_factory=list, description="The options; for `choice` questions only (two or more)."
    )
    required: bool = False


QUESTIONS_HELP = (
    "The careers-page application form's questions, in order, at most 30, labels unique. A "
    "question whose label is kept keeps its answers."
)


class JobIn(In):
    title: Text200
    department: Text100 = ""
    location: Text200 = ""
    employment_type: EmploymentType = EmploymentType.FULL_TIME
    description: Text = ""
    skills: Annotated[Text, StringConstraints(max_length=500)] = Field(
        "", description="Comma-separated, e.g. “Kubernetes, Terraform, Go”."
    )
    status: JobStatus = JobStatus.DRAFT
    hiring_manager: Text150 | None = Field(None, description="Username.")
    recruiters: list[Text150] | None = Field(
        None, description="Usernames; the caller when left out."
    )
    openings: int = Field(1, le=SMALLINT_MAX)
    questions: list[QuestionIn] = Field(default_factory=list, description=QUESTIONS_HELP)
    feedback_due_hours: int = Field(
        None, ge=1, le=240, description="Business hours; the pipeline template's when left out."
    )
    decision_due_days: int = Field(
        None, ge=1, le=60, description="Business days; the pipeline template's when left out."
    )


class JobPatch(In):
    title: Text200 = None
    department: Text100 = None
    location: Text200 = None
    employment_type: EmploymentType = None
    description: Text = None
    skills: Annotated[Text, StringConstraints(max_length=500)] = None
    status: JobStatus = None
    hiring_manager: Text150 | None = None
    recruiters: list[Text150] = None
    openings: int = Field(None, le=SMALLINT_MAX)
    questions: list[QuestionIn] = Field(None, description=QUESTIONS_HELP + " Replaced whole.")
    feedback_due_hours: int = Field(None, ge=1, le=240, description="Business hours.")
    decision_due_days: int = Field(None, ge=1, le=60, description="Business days.")


class JobFilters(Schema):
    status: JobStatus | None = None
    q: Text200 = ""


class JobApplicationFilters(Schema):
    stage: Id | None = None
    status: ApplicationStatus | None = None
    q: Text200 = ""


class ApplicationIn(In):
    candidate_id: Id
    job_id: Id
    source: Text100 = ""
    # Where they start; by default the job's applied stage (or its first).
    stage_id: Id | None = None


class MoveIn(In):
    stage_id: Id


class RejectIn(In):
    reason: Text100 = Field(description="The name of an active rejection reason.")
