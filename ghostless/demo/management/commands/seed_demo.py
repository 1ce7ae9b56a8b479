"""Fill an empty database with a believable small company, built through the services.

The services stamp what they write with the current time, and product code never travels in
time. So the story is told in order, one service call at a time, and right after each call the
rows it just wrote are moved back to the story's moment with an UPDATE. Timeline entries logged
by hand go through `activity_log` with their real (past) time, which also keeps each candidate's
`last_contact_at` right.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from random import Random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from faker import Faker

from ghostless.accounts.models import Role, User
from ghostless.accounts.services import user_create
from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_create
from ghostless.demo import interviews, network, offers, slots, status_pages
from ghostless.demo import reports as report_story
from ghostless.followups.models import FollowUp
from ghostless.followups.rules import run_rules
from ghostless.jobs.models import (
    Application,
    ApplicationStatus,
    EmploymentType,
    Job,
    JobStatus,
    RejectionReason,
    StageChange,
)
from ghostless.jobs.services import (
    application_create,
    application_hire,
    application_move,
    application_reject,
    application_withdraw,
    job_create,
    job_update,
    rejection_reason_save,
)
from ghostless.jobs.stays import stays_refresh
from ghostless.notifications.services import notify_due_followups
from ghostless.search.index import index_rebuild
from ghostless.timeline.answers import answers_refresh
from ghostless.timeline.models import Activity, Direction, Kind, Outcome
from ghostless.timeline.services import activity_log

DEMO_PASSWORD = "ghostless-demo"  # noqa: S105 -- printed for everyone to use; demo only
SEED = 20240917

# username, role, first name, last name, time zone
USERS = [
    ("alice", Role.ADMIN, "Alice", "Admin", "Europe/Berlin"),
    ("rita", Role.RECRUITER, "Rita", "Reyes", "America/New_York"),
    ("ray", Role.RECRUITER, "Ray", "Romano", "Europe/London"),
    ("rosa", Role.RECRUITER, "Rosa", "Rossi", "Europe/Berlin"),
    ("hana", Role.HIRING_MANAGER, "Hana", "Hughes", "Europe/Berlin"),
    ("otto", Role.HIRING_MANAGER, "Otto", "Olsen", "America/Chicago"),
    ("ivan", Role.INTERVIEWER, "Ivan", "Ivanov", "Europe/Berlin"),
]

FAMILIES = {
    "engineering": {
        "weight": 6,
        "titles": [
            "Software Engineer",
            "Senior Software Engineer",
            "Backend Developer",
            "Full-Stack Engineer",
            "Frontend Developer",
            "DevOps Engineer",
            "Site Reliability Engineer",
            "QA Automation Engineer",
            "Staff Engineer",
        ],
        "tags": [
            "python",
            "django",
            "go",
            "react",
            "typescript",
            "kubernetes",
            "aws",
            "postgresql",
        ],
    },
    "design": {
        "weight": 2,
        "titles": ["Product Designer", "UX Designer", "UI Designer", "Design Lead"],
        "tags": ["figma", "ux-research", "design-systems", "prototyping", "accessibility"],
    },
    "data": {
        "weight": 1,
        "titles": ["Data Analyst", "Analytics Engineer", "BI Developer", "Data Scientist"],
        "tags": ["sql", "python", "dbt", "tableau", "statistics"],
    },
    "sales": {
        "weight": 2,
        "titles": ["Account Executive", "Sales Development Rep", "Account Manager"],
        "tags": ["saas-sales", "salesforce", "negotiation", "b2b"],
    },
    "success": {
        "weight": 2,
        "titles": ["Customer Success Manager", "Support Lead", "Implementation Consultant"],
        "tags": ["onboarding", "churn", "zendesk", "b2b"],
    },
    "marketing": {
        "weight": 1,
        "titles": ["Marketing Coordinator", "Content Marketer", "Growth Marketer"],
        "tags": ["seo", "content", "hubspot", "events"],
    },
}

SOURCES = {
    "careers page": 30,
    "LinkedIn": 22,
    "referral": 12,
    "sourced": 14,
    "job board": 14,
    "agency": 4,
    "meetup": 4,
}
# Sources where the recruiter found the person: they start at Sourced, not Applied.
OUTBOUND_SOURCES = {"LinkedIn", "sourced", "meetup"}
# Sources where the candidate filled in a form: nobody at the company added them.
SELF_SERVE_SOURCES = {"careers page", "job board"}

LOCATIONS = [
    "Berlin, Germany",
    "Hamburg, Germany",
    "Lisbon, Portugal",
    "London, UK",
    "Warsaw, Poland",
    "Amsterdam, Netherlands",
    "Toronto, Canada",
    "New York, NY",
    "Austin, TX",
    "Chicago, IL",
    "Remote",
]

# The pipeline steps a story walks through; Hired and Onboarding come from hiring.
WALK = ["Sourced", "Applied", "Contacted", "Screen", "Interview", "Offer"]


def _days_ago(now: datetime, days: float) -> datetime:
    return now - timedelta(days=days)


def _description(summary: str, duties: list[str], wants: list[str]) -> str:
    company = settings.COMPANY_NAME
    lines = [f"{summary}", "", "What you will do:"]
    lines += [f"- {d}" for d in duties]
    lines += ["", "What we are looking for:"]
    lines += [f"- {w}" for w in wants]
    lines += [
        "",
        f"At {company} every applicant hears back from us, whatever the outcome.",
    ]
    return "\n".join(lines)


# title, department, location, type, family, final status, manager, recruiters, openings,
# description. The story dates come from the status (see Story.job_dates).
JOBS = [
    (
        "Senior Backend Engineer",
        "Engineering",
        "Berlin or remote (EU)",
        EmploymentType.FULL_TIME,
        "engineering",
        JobStatus.OPEN,
        "hana",
        ["rita", "rosa"],
        2,
        _description(
            "Build the APIs and background jobs behind our scheduling product.",
            [
                "Design and ship Django services used by 40,000 clinics",
                "Own PostgreSQL schemas, migrations and query performance",
                "Review code and mentor two mid-level engineers",
            ],
            ["5+ years of Python in production", "Comfort with SQL and queues"],
        ),
    ),
    (
        "Frontend Engineer (React)",
        "Engineering",
        "Remote",
        EmploymentType.FULL_TIME,
        "engineering",
        JobStatus.OPEN,
        "hana",
        ["rosa"],
        1,
        _description(
            "Make our booking flow fast, accessible and pleasant on every device.",
            [
                "Build React and TypeScript features end to end with the API team",
                "Keep the design system accessible (WCAG 2.1 AA)",
            ],
            ["3+ years of React and TypeScript", "An eye for detail and for keyboard users"],
        ),
    ),
    (
        "Product Designer",
        "Design",
        "Lisbon, Portugal",
        EmploymentType.FULL_TIME,
        "design",
        JobStatus.OPEN,
        "hana",
        ["ray"],
        1,
        _description(
            "Shape how receptionists and patients book, move and cancel appointments.",
            [
                "Run discovery interviews and usability tests",
                "Turn findings into flows, prototypes and polished UI in Figma",
            ],
            ["A portfolio with shipped product work", "Experience with design systems"],
        ),
    ),
    (
        "Account Executive, Mid-Market",
        "Sales",
        "New York, NY",
        EmploymentType.FULL_TIME,
        "sales",
        JobStatus.OPEN,
        "otto",
        ["rita"],
        2,
        _description(
            "Win clinic groups of 10 to 200 locations.",
            ["Run the full sales cycle from discovery to signature", "Forecast in Salesforce"],
            ["3+ years closing B2B SaaS deals", "Healthcare experience is a plus"],
        ),
    ),
    (
        "Data Analyst",
        "Data",
        "London, UK",
        EmploymentType.FULL_TIME,
        "data",
        JobStatus.ON_HOLD,
        "otto",
        ["ray"],
        1,
        _description(
            "Help every team answer its own questions with trustworthy numbers.",
            ["Model data in dbt", "Build dashboards the leadership team reads weekly"],
            ["Strong SQL", "Clear writing about uncertain results"],
        ),
    ),
    (
        "Customer Success Manager",
        "Customer Success",
        "Austin, TX",
        EmploymentType.FULL_TIME,
        "success",
        JobStatus.FILLED,
        "otto",
        ["rita"],
        1,
        _description(
            "Be the trusted advisor of 60 clinic groups after they sign.",
            ["Lead onboarding and quarterly reviews", "Spot churn risk early"],
            ["2+ years in customer success for B2B software"],
        ),
    ),
    (
        "Site Reliability Engineer",
        "Engineering",
        "Remote (EU time zones)",
        EmploymentType.FULL_TIME,
        "engineering",
        JobStatus.FILLED,
        "hana",
        ["rosa", "rita"],
        1,
        _description(
            "Keep booking up when it matters most: Monday at 8 am.",
            ["Run Kubernetes on AWS with Terraform", "Own on-call, SLOs and postmortems"],
            ["Production Kubernetes experience", "Calm under pressure"],
        ),
    ),
    (
        "Engineering Manager, Platform",
        "Engineering",
        "Berlin, Germany",
        EmploymentType.FULL_TIME,
        "engineering",
        JobStatus.DRAFT,
        "hana",
        ["rosa"],
        1,
        _description(
            "Lead the six engineers who run our platform, CI and developer tooling.",
            ["Hire, coach and grow the team", "Set the platform roadmap with product"],
            ["Experience managing engineers", "A background in infrastructure"],
        ),
    ),
    (
        "Marketing Coordinator",
        "Marketing",
        "Toronto, Canada",
        EmploymentType.CONTRACT,
        "marketing",
        JobStatus.CLOSED,
        "otto",
        ["ray"],
        1,
        _description(
            "A six-month contract to run our Canadian launch events.",
            ["Plan three launch events", "Coordinate agencies and the content calendar"],
            ["Event marketing experience", "French is a plus"],
        ),
    ),
    (
        "QA Engineer",
        "Engineering",
        "Warsaw, Poland",
        EmploymentType.FULL_TIME,
        "engineering",
        JobStatus.CLOSED,
        "hana",
        ["rosa"],
        1,
        _description(
            "Build the automated test suite for our mobile apps.",
            ["Write Playwright and Appium tests", "Make releases boring"],
            ["Test automation experience", "Curiosity about how things break"],
        ),
    ),
    (
        "Support Specialist (part-time)",
        "Customer Success",
        "Remote",
        EmploymentType.PART_TIME,
        "success",
        JobStatus.OPEN,
        "otto",
        ["rita", "ray"],
        1,
        _description(
            "Answer clinic staff by chat and phone, 20 hours a week.",
            ["Resolve tickets in Zendesk", "Write help-centre articles"],
            ["Friendly, precise writing", "Available weekday afternoons (EST)"],
        ),
    ),
]

# Why people were turned down, by the stage they reached.
EARLY_REASONS = [
    "Not enough experience",
    "Skills do not match",
    "Location or work permit",
    "Salary expectations too high",
]
REASON_BY_STAGE = {
    "Sourced": ["No response from candidate", "Skills do not match"],
    "Applied": EARLY_REASONS,
    "Contacted": EARLY_REASONS + ["No response from candidate"],
    "Screen": EARLY_REASONS,
    "Interview": ["Did not pass interview"],
    "Offer": ["Salary expectations too high"],
}


@dataclass
class Opening:
    """A job and what the story needs to know about it."""

    job: Job
    family: str
    final_status: str
    recruiters: list[User]
    opened: datetime
    ends: datetime  # now for open jobs; the day it went on hold, was filled or closed


@dataclass
class Fate:
    """How one application's story ends."""

    status: str
    stage: str = "Applied"
    told: bool = True  # rejected: did we send the outcome?
    after_close: bool = False  # rejected only once the job was filled or closed
    unanswered: bool = False  # active: the candidate wrote last and waits for us


# (hours since the previous step, what to do at that moment)
Step = tuple[float, Callable[[datetime], None]]


@dataclass
class Plan:
    opening: Opening | None  # None: a person kept warm, with no application
    fate: Fate | None
    steps: list[Step] = field(default_factory=list)
    late: int = 0  # how many final steps happen after the job's end, or in the last days
    times: list[datetime] = field(default_factory=list)


class Command(BaseCommand):
    help = "Fill an empty database with a demo company: users, jobs, candidates and history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--candidates",
            type=int,
            default=300,
            help="How many generated candidates to create (default 300); the few people of "
            "the talent-network examples come on top.",
        )

    def handle(self, *args, **options):
        count = options["candidates"]
        if count < 1:
            raise CommandError("--candidates must be at least 1.")
        if User.objects.filter(username__in=[u[0] for u in USERS]).exists():
            self.stdout.write("The demo data is already there: nothing to do.")
            self.print_logins()
            return
        if Candidate.objects.exists() or Job.objects.exists():
            self.stdout.write(
                "This database already holds candidates or jobs, and demo data goes only into "
                "an empty one: nothing to do."
            )
            return
        with transaction.atomic():
            Story(count=count).tell()
        # The demo's own writes bypass the services here and there: index everyone once.
        index_rebuild()
        # The worker runs the follow-up rules every few minutes; run them once now so the
        # queues are full from the first page view.
        run_rules()
        # So does the bell's task; and a teammate asks Rita something in a note.
        notify_due_followups()
        mention_rita()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(USERS)} users, {Job.objects.count()} jobs, "
                f"{Candidate.objects.count()} candidates, {Application.objects.count()} "
                f"applications, {Activity.objects.count()} timeline entries and "
                f"{FollowUp.objects.count()} follow-ups."
            )
        )
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, first, last, _ in USERS:
            self.stdout.write(f"  {username:<6} {first} {last}, {role.label.lower()}")


def mention_rita() -> None:
    """Ray asks Rita about the newest active applicant she owns: her bell shows a mention."""
    ray = User.objects.get(username="ray")
    application = (
        Application.objects.filter(status="active", candidate__owner__username="rita")
        .select_related("candidate")
        .order_by("-created_at", "-id")
        .first()
    )
    if application is not None:
        activity_log(
            candidate=application.candidate,
            actor=ray,
            kind=Kind.NOTE,
            direction=Direction.INTERNAL,
            body="@rita she asked me about relocation support; can you pick it up on your call?",
            application=application,
        )


class Story:
    """The company's history, told through the services in the order it happened."""

    def __init__(self, *, count: int):
        self.count = count
        self.rng = Random(SEED)
        self.fake = Faker("en_US")
        self.fake.seed_instance(SEED)
        # Everything the services write from here on is stamped at or after this moment.
        self.now = timezone.now()
        self.company = settings.COMPANY_NAME
        self.emails: set[str] = set()
        self.phones: set[str] = set()

    def tell(self) -> None:
        self.users = self.create_users()
        interviews.plan_default_pipeline()  # before the jobs, which copy the plan
        self.recruiters = [u for u in self.users.values() if u.role == Role.RECRUITER]
        self.openings = [self.create_job(row) for row in JOBS]
        assignments = self.assign_candidates()
        fates = self.decide_fates(assignments)
        for index in range(self.count):
            self.live(index, [(o, fates[(index, o.job.pk)]) for o in assignments[index]])
        # Before the jobs close: these people's rejections must be told like everyone's.
        network.tell(self)
        for opening in self.openings:
            self.settle_job(opening)
        interviews.hold_interviews(self.users["ivan"])
        status_pages.tell(self)
        offers.make_offers(self.users["alice"])
        slots.offer_slots(self.users["ivan"])
        report_story.answer_fast(self.users["rosa"], self.now)
        report_story.tell_everyone(self.users["rosa"], self.now)
        # Touches logged by hand already carry their story time; only created_at says "now".
        Activity.objects.filter(created_at__gte=self.now).update(created_at=F("occurred_at"))

    # People and jobs

    def create_users(self) -> dict[str, User]:
        users = {}
        for username, role, first, last, _ in USERS:
            users[username] = user_create(
                username=username,
                role=role,
                email=f"{username}@{_slug(self.company)}.example.com",
                first_name=first,
                last_name=last,
            )
        # One shared password: hash it once (a second per hash) and give everyone that hash.
        alice = users["alice"]
        alice.set_password(DEMO_PASSWORD)
        alice.save(update_fields=["password"])
        for username, _, _, _, tz in USERS:
            User.objects.filter(username=username).update(password=alice.password, time_zone=tz)
        return users

    def job_dates(self, status: str) -> tuple[datetime, datetime]:
        """When the job opened, and when its story ends (now, on hold, filled or closed)."""
        now, rng = self.now, self.rng
        if status == JobStatus.DRAFT:
            return _days_ago(now, rng.uniform(3, 8)), now - timedelta(hours=2)
        if status == JobStatus.OPEN:
            return _days_ago(now, rng.uniform(45, 130)), now - timedelta(hours=2)
        if status == JobStatus.ON_HOLD:
            return _days_ago(now, rng.uniform(90, 120)), _days_ago(now, rng.uniform(20, 30))
        if status == JobStatus.FILLED:
            return _days_ago(now, rng.uniform(150, 200)), _days_ago(now, rng.uniform(30, 70))
        return _days_ago(now, rng.uniform(200, 240)), _days_ago(now, rng.uniform(75, 110))

    def create_job(self, row) -> Opening:
        title, dept, location, kind, family, status, manager, recruiters, openings, text = row
        recruiter_users = [self.users[r] for r in recruiters]
        job = job_create(
            actor=recruiter_users[0],
            title=title,
            department=dept,
            location=location,
            employment_type=kind,
            description=text,
            status=JobStatus.DRAFT if status == JobStatus.DRAFT else JobStatus.OPEN,
            hiring_manager=self.users[manager],
            openings=openings,
            recruiters=recruiter_users,
        )
        opened, ends = self.job_dates(status)
        Job.objects.filter(pk=job.pk).update(
            created_at=opened, updated_at=opened, status_changed_at=opened
        )
        # job_update saves the whole row later; it must not put "now" back.
        job.created_at = job.updated_at = job.status_changed_at = opened
        return Opening(job, family, status, recruiter_users, opened, ends)

    def assign_candidates(self) -> dict[int, list[Opening]]:
        """Which jobs each candidate applies to: every job gets someone, a few apply twice."""
        rng = self.rng
        weights = {
            JobStatus.OPEN: 4,
            JobStatus.FILLED: 3,
            JobStatus.CLOSED: 2,
            JobStatus.ON_HOLD: 1.5,
            JobStatus.DRAFT: 0.3,
        }
        assignments: dict[int, list[Opening]] = {}
        for index in range(self.count):
            if index < len(self.openings):
                jobs = [self.openings[index]]
            elif index % 10 == 9:
                jobs = []  # kept in touch for later: no application yet
            else:
                families = list(FAMILIES)
                family = rng.choices(families, [FAMILIES[f]["weight"] for f in families])[0]
                pool = [o for o in self.openings if o.family == family]
                jobs = [rng.choices(pool, [weights[o.final_status] for o in pool])[0]]
            if jobs and rng.random() < 0.12:
                others = [
                    o for o in self.openings if o not in jobs and o.final_status != JobStatus.DRAFT
                ]
                jobs.append(rng.choice(others))
            assignments[index] = jobs
        return assignments

    def decide_fates(self, assignments: dict[int, list[Opening]]) -> dict[tuple[int, int], Fate]:
        """Each job's applicants, in order, get an ending that fits the job's status."""
        by_job: dict[int, list[int]] = {}
        for index, openings in assignments.items():
            for opening in openings:
                by_job.setdefault(opening.job.pk, []).append(index)
        fates = {}
        for opening in self.openings:
            for position, index in enumerate(by_job.get(opening.job.pk, [])):
                fates[(index, opening.job.pk)] = self.fate(opening, position)
        return fates

    def fate(self, opening: Opening, position: int) -> Fate:
        rng = self.rng
        stage = rng.choices(WALK, [10, 20, 20, 20, 15, 5])[0]
        status = opening.final_status
        if status == JobStatus.DRAFT:
            return Fate(ApplicationStatus.ACTIVE, "Sourced")
        if status == JobStatus.FILLED:
            if position < opening.job.openings:
                return Fate(ApplicationStatus.HIRED, "Offer")
            roll = rng.random()
            if roll < 0.4:
                return Fate(ApplicationStatus.REJECTED, stage, told=rng.random() < 0.8)
            if roll < 0.6:
                return Fate(ApplicationStatus.REJECTED, stage, told=False, after_close=True)
            if roll < 0.65:
                return Fate(ApplicationStatus.WITHDRAWN, stage)
            return Fate(ApplicationStatus.ACTIVE, stage)
        if status == JobStatus.CLOSED:
            # Ghostless closes a job only once everyone on it has heard back.
            if rng.random() < 0.15:
                return Fate(ApplicationStatus.WITHDRAWN, stage)
            return Fate(ApplicationStatus.REJECTED, stage)
        if status == JobStatus.ON_HOLD:
            if rng.random() < 0.3:
                return Fate(ApplicationStatus.REJECTED, stage)
            return Fate(ApplicationStatus.ACTIVE, rng.choice(WALK[:4]))
        # Open jobs: the first few applicants show every ending, the rest are random.
        fixed = {
            0: Fate(ApplicationStatus.ACTIVE, "Interview"),
            1: Fate(ApplicationStatus.REJECTED, "Screen"),
            2: Fate(ApplicationStatus.WITHDRAWN, "Screen"),
            3: Fate(ApplicationStatus.ACTIVE, "Contacted", unanswered=True),
        }
        if position in fixed:
            return fixed[position]
        roll = rng.random()
        if roll < 0.28:
            return Fate(ApplicationStatus.REJECTED, stage, told=rng.random() < 0.85)
        if roll < 0.33:
            return Fate(ApplicationStatus.WITHDRAWN, stage)
        return Fate(ApplicationStatus.ACTIVE, stage, unanswered=rng.random() < 0.2)

    def settle_job(self, opening: Opening) -> None:
        """Put the job in its final status on the day its story ended."""
        if opening.final_status in (JobStatus.DRAFT, JobStatus.OPEN):
            return
        job_update(job=opening.job, actor=self.users["alice"], status=opening.final_status)
        Job.objects.filter(pk=opening.job.pk).update(
            updated_at=opening.ends, status_changed_at=opening.ends
        )

    # Candidates

    def profile(self, index: int, family: str, owner: User, source: str, silver: bool) -> dict:
        rng, fake = self.rng, self.fake
        first, last = fake.first_name(), fake.last_name()
        slug = f"{_slug(first)}-{_slug(last)}"
        emails = [self.unique_email(f"{_slug(first)}.{_slug(last)}", rng.choice(_DOMAINS))]
        company = fake.company()
        if rng.random() < 0.15:
            emails.append(self.unique_email(_slug(first), f"{_slug(company)}.example.com"))
        phones = [self.unique_phone()] if rng.random() < 0.75 else []
        tags = rng.sample(FAMILIES[family]["tags"], k=rng.randint(1, 3))
        if silver:
            tags.append("silver-medalist")
        if rng.random() < 0.1:
            tags.append("relocation")
        fields = {
            "first_name": first,
            "last_name": last,
            "location": rng.choice(LOCATIONS),
            "current_title": rng.choice(FAMILIES[family]["titles"]),
            "current_company": company,
            "source": source,
            "owner": owner,
            "emails": emails,
            "phones": phones,
            "tags": tags,
        }
        if rng.random() < 0.8:
            fields["linkedin_url"] = f"https://www.linkedin.com/in/{slug}-{index:04d}"
        if family == "engineering" and rng.random() < 0.5:
            fields["github_url"] = f"https://github.com/{slug}"
        if family == "design" and rng.random() < 0.7:
            fields["website_url"] = f"https://{_slug(first)}{_slug(last)}.example.net"
        if rng.random() < 0.4:
            notice = rng.choice(["Immediately", "2 weeks", "1 month", "3 months"])
            fields["custom_fields"] = {"notice_period": notice}
        return fields

    def unique_email(self, local: str, domain: str) -> str:
        # Only reserved example domains: demo data must never email a real person.
        email, n = f"{local or 'candidate'}@{domain}", 1
        while email in self.emails:
            n += 1
            email = f"{local or 'candidate'}{n}@{domain}"
        self.emails.add(email)
        return email

    def unique_phone(self) -> str:
        # 555-0100 to 555-0199 is the range reserved for fiction in North America.
        while True:
            area = self.rng.choice(["212", "312", "415", "512", "617", "646", "720", "206"])
            phone = f"+1 {area} 555 01{self.rng.randint(0, 99):02d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def live(self, index: int, applications: list[tuple[Opening, Fate]]) -> None:
        """Create one candidate and play out each of their applications."""
        rng = self.rng
        first = applications[0][0] if applications else None
        family = first.family if first else rng.choice(list(FAMILIES))
        owner = rng.choice(first.recruiters if first else self.recruiters)
        source = rng.choices(list(SOURCES), list(SOURCES.values()))[0]
        # Nobody can apply to a job that is not published, or to no job at all.
        unpublished = first is None or first.final_status == JobStatus.DRAFT
        if unpublished and source in SELF_SERVE_SOURCES:
            source = "sourced"
        silver = any(
            f.status == ApplicationStatus.REJECTED and f.stage in ("Interview", "Offer")
            for _, f in applications
        )
        fields = self.profile(index, family, owner, source, silver)
        name = fields["first_name"]
        plans = [self.plan(o, fate, name, owner, source) for o, fate in applications]
        if plans:
            first_touch = min(p.times[0] for p in plans)
            lead = 0 if source in SELF_SERVE_SOURCES else rng.uniform(0.5, 3)
            created = first_touch - timedelta(days=lead, minutes=1)
        else:
            created = _days_ago(self.now, rng.uniform(20, 300))
            plans = [self.keep_warm(name, owner, created)]
        actor = None if source in SELF_SERVE_SOURCES else owner
        self.current, self.app = candidate_create(actor=actor, **fields), None
        Candidate.objects.filter(pk=self.current.pk).update(created_at=created, updated_at=created)
        self.backdate(created)
        for plan in plans:
            for (_, step), at in zip(plan.steps, plan.times, strict=True):
                step(at)

    def keep_warm(self, name: str, owner: User, created: datetime) -> Plan:
        """A sourced person with no application yet: an intro, maybe an answer, a note."""
        rng, say = self.rng, partial(self.say, actor=owner)
        plan = Plan(opening=None, fate=None)
        plan.steps.append(
            say(
                rng.uniform(1, 30),
                Kind.LINKEDIN,
                subject="Future roles",
                body=f"Hi {name}, I enjoyed your talk and would love to keep in touch about "
                f"future roles at {self.company}.",
            )
        )
        if rng.random() < 0.6:
            plan.steps += [
                say(
                    rng.uniform(24, 150),
                    Kind.LINKEDIN,
                    Direction.INBOUND,
                    subject="Re: Future roles",
                    body="Thanks! Not looking right now, but check back in six months.",
                ),
                say(
                    rng.uniform(1, 20),
                    Kind.LINKEDIN,
                    subject="Re: Future roles",
                    body="Understood, thank you. I will be in touch when the right role opens.",
                ),
                say(
                    rng.uniform(1, 40),
                    Kind.NOTE,
                    Direction.INTERNAL,
                    body="Open to a move next year. Strong profile; reach out when we hire again.",
                ),
            ]
        at, plan.times = created, []
        for gap, _ in plan.steps:
            at += timedelta(hours=gap)
            plan.times.append(at)
        return plan

    # One application's story

    def plan(self, opening: Opening, fate: Fate, name: str, owner: User, source: str) -> Plan:
        """Lay out the steps of one application, then fit them into the job's time."""
        job = opening.job
        plan = Plan(opening=opening, fate=fate)
        start = "Sourced" if source in OUTBOUND_SOURCES else "Applied"
        walk = WALK[WALK.index(start) : WALK.index(max(fate.stage, start, key=WALK.index)) + 1]
        if start == "Sourced" and len(walk) > 1:
            walk.remove("Applied")  # sourced people are contacted, they never apply
        plan.steps.append((0, partial(self.apply, job, walk[0], owner, source)))
        for i, stage in enumerate(walk):
            if i:
                plan.steps.append((self.rng.uniform(4, 60), partial(self.move, stage, owner)))
            touches = self.touches(stage, job, name, owner)
            if i == len(walk) - 1 and fate.status == ApplicationStatus.ACTIVE:
                touches = touches[: self.rng.randint(0, len(touches))]
                # Most replies got an answer; only the unanswered ones end on the candidate.
                if touches and _inbound(touches[-1]) and not fate.unanswered:
                    touches.pop()
            if i == len(walk) - 1 and fate.stage == "Sourced":
                touches = touches[:1]  # they never answered
            plan.steps += touches
        self.ending(plan, name, owner)
        self.fit(plan)
        return plan

    def touches(self, stage: str, job: Job, name: str, owner: User) -> list[Step]:
        """What usually happens while someone sits in a stage, with the hours before each."""
        rng, title, say = self.rng, job.title, partial(self.say, actor=owner)
        if stage == "Sourced":
            kind = rng.choice([Kind.LINKEDIN, Kind.EMAIL])
            subject = f"{title} at {self.company}"
            steps = [
                say(
                    rng.uniform(1, 24),
                    kind,
                    subject=subject,
                    body=f"Hi {name}, your background caught my eye. We are hiring a {title}; "
                    "would you be open to a 20-minute chat?",
                )
            ]
            if rng.random() < 0.4:
                steps.append(
                    say(
                        rng.uniform(72, 140),
                        kind,
                        subject=f"Re: {subject}",
                        body="Following up on my note from last week, in case it got buried.",
                    )
                )
            steps.append(
                say(
                    rng.uniform(5, 72),
                    kind,
                    Direction.INBOUND,
                    subject=f"Re: {subject}",
                    body="Thanks for reaching out, happy to hear more. This week works.",
                )
            )
            return steps
        if stage == "Applied":
            return [
                say(
                    0.05,
                    Kind.EMAIL,
                    subject=f"We received your application for {title}",
                    body=f"Hi {name}, thank you for applying. A recruiter will read your "
                    "application and reply within five days.",
                )
            ]
        if stage == "Contacted":
            steps = []
            if rng.random() < 0.5:
                outcome = rng.choice([Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL, Outcome.BUSY])
                note = "Left a short message with my number."
                body = note if outcome == Outcome.LEFT_VOICEMAIL else ""
                steps.append(
                    say(
                        rng.uniform(2, 30),
                        Kind.CALL,
                        outcome=outcome,
                        subject="Intro call",
                        body=body,
                    )
                )
            reply = rng.choice([Kind.SMS, Kind.EMAIL, Kind.VOICEMAIL])
            return [
                *steps,
                say(
                    rng.uniform(1, 24),
                    Kind.SMS,
                    body=f"Hi {name}, {owner.first_name} from {self.company} here. When suits "
                    f"you for a quick call about the {title} role?",
                ),
                say(
                    rng.uniform(2, 48),
                    reply,
                    Direction.INBOUND,
                    subject="" if reply == Kind.SMS else "Re: a quick call",
                    body="Tuesday after 2pm works for me.",
                ),
            ]
        if stage == "Screen":
            return [
                say(
                    rng.uniform(20, 80),
                    Kind.CALL,
                    outcome=Outcome.CONNECTED,
                    subject="Phone screen",
                    body="30 minutes. Motivated by the product; good fit on scope. "
                    "Wants a hybrid setup.",
                ),
                say(
                    0.5,
                    Kind.NOTE,
                    Direction.INTERNAL,
                    subject="Compensation",
                    body=f"Expects about {rng.randrange(60, 180, 5)}k base. Recruiters only.",
                    private=True,
                ),
            ]
        if stage == "Interview":
            feedback = rng.choice(
                [
                    "Strong on fundamentals, clear communicator. Leaning yes.",
                    "Good system design; a little thin on testing. Mixed.",
                    "Great questions about the team. I want to move on.",
                ]
            )
            return [
                say(
                    rng.uniform(2, 24),
                    Kind.EMAIL,
                    subject=f"Interview for {title}",
                    body="You will meet the hiring manager and two future teammates for 90 "
                    "minutes. Please pick a slot that suits you.",
                ),
                say(
                    rng.uniform(3, 30),
                    Kind.EMAIL,
                    Direction.INBOUND,
                    subject=f"Re: Interview for {title}",
                    body="Booked Thursday at 10. Looking forward to it!",
                ),
                say(
                    rng.uniform(48, 120),
                    Kind.MEETING,
                    outcome=Outcome.CONNECTED,
                    subject="Team interview",
                    body="Panel with the hiring manager and two future teammates.",
                ),
                say(
                    rng.uniform(2, 20),
                    Kind.NOTE,
                    Direction.INTERNAL,
                    subject="Interview feedback",
                    body=feedback,
                    actor=job.hiring_manager,
                ),
            ]
        return [  # Offer
            say(
                rng.uniform(4, 30),
                Kind.CALL,
                outcome=Outcome.CONNECTED,
                subject="Verbal offer",
                body="Walked through the offer. They will think it over this week.",
            ),
            say(
                1,
                Kind.EMAIL,
                subject=f"Your offer for {title}",
                body="As discussed, the written offer is attached. Any questions, call me.",
            ),
        ]

    def ending(self, plan: Plan, name: str, owner: User) -> None:
        """The last steps: hired, rejected (told or not), withdrawn, or waiting on us."""
        rng, fate, title = self.rng, plan.fate, plan.opening.job.title
        say = partial(self.say, actor=owner)
        if fate.status == ApplicationStatus.HIRED:
            plan.steps += [
                say(
                    rng.uniform(10, 60),
                    Kind.EMAIL,
                    Direction.INBOUND,
                    subject=f"Re: Your offer for {title}",
                    body="I'm delighted to accept. Signed copy attached!",
                ),
                (1, partial(self.hire, owner)),
            ]
            if rng.random() < 0.6:
                plan.steps.append((rng.uniform(24, 200), partial(self.move, "Onboarding", owner)))
        elif fate.status == ApplicationStatus.REJECTED:
            reason = rng.choice(REASON_BY_STAGE[fate.stage])
            if fate.after_close:
                reason = "Hired another candidate"
                if plan.opening.final_status == JobStatus.CLOSED:
                    reason = "Position filled or closed"
                plan.late = 1
            plan.steps.append((rng.uniform(6, 80), partial(self.reject, reason, owner)))
            if fate.told:
                plan.steps.append(
                    say(
                        rng.uniform(0.1, 20),
                        Kind.EMAIL,
                        subject=f"Your application for {title}",
                        body=f"Hi {name}, thank you for your time. We have decided not to go "
                        "further this time. With your consent we will keep your details for "
                        "future roles.",
                    )
                )
        elif fate.status == ApplicationStatus.WITHDRAWN:
            plan.steps += [
                say(
                    rng.uniform(10, 90),
                    Kind.EMAIL,
                    Direction.INBOUND,
                    subject=f"Withdrawing from {title}",
                    body="I have accepted another offer, so please withdraw my application. "
                    "Thank you for everything.",
                ),
                (2, partial(self.withdraw, owner)),
                say(
                    rng.uniform(1, 10),
                    Kind.EMAIL,
                    subject=f"Re: Withdrawing from {title}",
                    body="Thanks for letting us know, and congratulations!",
                ),
            ]
        elif fate.unanswered:
            kind = rng.choice([Kind.EMAIL, Kind.SMS, Kind.LINKEDIN])
            plan.steps.append(
                say(
                    rng.uniform(24, 72),
                    kind,
                    Direction.INBOUND,
                    subject="" if kind == Kind.SMS else f"Question about {title}",
                    body="Hi, any news on my application? I have another process moving fast "
                    "and would rather join you.",
                )
            )
            plan.late = 1

    def fit(self, plan: Plan) -> None:
        """Give each step a time inside the job's life, squeezing the gaps if they overflow.

        A rejection after the job was filled or closed comes after its end; a reply nobody
        answered lands in the last days, so it shows up as waiting.
        """
        rng, opening, fate = self.rng, plan.opening, plan.fate
        gaps = [gap for gap, _ in plan.steps]
        body, late = gaps[: len(gaps) - plan.late], gaps[len(gaps) - plan.late :]
        end = opening.ends - timedelta(hours=3)
        total = timedelta(hours=sum(body))
        room = max(timedelta(0), end - total - opening.opened)
        # The hired person's story ends on the day the job was filled; others start any time.
        hired = fate.status == ApplicationStatus.HIRED
        begin = opening.opened + room * (1 if hired else rng.random())
        scale = min(1.0, max(timedelta(0), end - begin) / total) if total else 1.0
        at, times = begin, []
        for gap in body:
            at += timedelta(hours=gap) * scale
            times.append(at)
        for gap in late:
            if fate.after_close:
                at = max(at, opening.ends) + timedelta(hours=gap)
            else:
                at = max(at + timedelta(hours=1), self.now - timedelta(hours=gap))
            times.append(at)
        plan.times = times

    # Service calls. Each is followed by moving what it wrote back to the story's time.

    def backdate(self, at: datetime, *, pipeline: bool = False) -> None:
        moved = Activity.objects.filter(candidate=self.current, occurred_at__gte=self.now).update(
            occurred_at=at, created_at=at
        )
        if moved:
            answers_refresh(candidate_ids=[self.current.pk])
        if pipeline:
            # Only the timestamps the call just set are "now"; leave the others alone.
            Application.objects.filter(pk=self.app.pk).update(
                **{
                    name: Case(When(**{f"{name}__gte": self.now}, then=Value(at)), default=F(name))
                    for name in ("created_at", "stage_entered_at", "status_changed_at")
                }
            )
            StageChange.objects.filter(application=self.app, changed_at__gte=self.now).update(
                changed_at=at
            )
            stays_refresh(application_ids=[self.app.pk])

    def say(self, gap: float, kind: str, direction: str = Direction.OUTBOUND, **fields) -> Step:
        """A step that logs a touch on the timeline."""
        return gap, partial(self.log, kind=kind, direction=direction, **fields)

    def log(self, at: datetime, **fields) -> None:
        activity_log(candidate=self.current, application=self.app, occurred_at=at, **fields)

    def apply(self, job: Job, stage_name: str, owner: User, source: str, at: datetime) -> None:
        self.app = application_create(
            candidate=self.current,
            job=job,
            actor=None if source in SELF_SERVE_SOURCES else owner,
            source=source,
            stage=job.stages.get(name=stage_name),
        )
        self.backdate(at, pipeline=True)

    def move(self, stage_name: str, owner: User, at: datetime) -> None:
        stage = self.app.job.stages.get(name=stage_name)
        application_move(application=self.app, stage=stage, actor=owner)
        self.backdate(at, pipeline=True)

    def reject(self, reason_name: str, owner: User, at: datetime) -> None:
        reason = RejectionReason.objects.filter(name=reason_name, active=True).first()
        if reason is None:
            reason = rejection_reason_save(actor=self.users["alice"], name=reason_name)
        application_reject(application=self.app, actor=owner, reason=reason)
        self.backdate(at, pipeline=True)

    def withdraw(self, owner: User, at: datetime) -> None:
        application_withdraw(application=self.app, actor=owner)
        self.backdate(at, pipeline=True)

    def hire(self, owner: User, at: datetime) -> None:
        application_hire(application=self.app, actor=owner)
        self.backdate(at, pipeline=True)


_DOMAINS = ["example.com", "example.org", "example.net"]


def _inbound(step: Step) -> bool:
    return step[1].keywords.get("direction") == Direction.INBOUND


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())
