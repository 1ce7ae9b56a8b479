"""The fixed part of a generated data set: users, jobs with their pipelines, tags, pools.

These are few (a job per 200 candidates), so they are made once before the candidates, and
the candidates' rows point at them by id.
"""

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from ghostless.accounts.models import Role, User
from ghostless.candidates.models import Tag
from ghostless.demo.datagen import vocab
from ghostless.demo.datagen.writer import BulkWriter
from ghostless.jobs.models import Job, PipelineTemplate, RejectionReason, Stage
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.pools.models import TalentPool
from ghostless.reports.clock import BusinessClock

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
YEARS = 3
USER_PREFIX = "gen-"
# The jobs the benchmark measures: an open job with many applicants, and a filled job whose
# applicants are all still waiting to be told (the close-out of 10,000).
BIG_JOB_APPLICANTS = 2_000
CLOSE_OUT_APPLICANTS = 10_000


@dataclass
class JobInfo:
    id: int
    title: str
    status: str
    opened: datetime
    ended: datetime | None
    stage_ids: list[int]
    hires: int = 0
    # Special jobs take every `every`-th candidate (from `offset`) until `quota` is used up.
    quota: int = 0
    every: int = 1
    offset: int = 0
    closes_out: bool = False

    def window_end(self, now: datetime) -> datetime:
        return self.ended or now - HOUR

    def take(self, index: int) -> bool:
        if self.quota and index % self.every == self.offset:
            self.quota -= 1
            return True
        return False

    def hire_now(self) -> bool:
        """A filled job hires its first applicant (in generation order)."""
        if self.hires:
            self.hires -= 1
            return True
        return False


@dataclass
class World:
    rng: random.Random
    now: datetime
    writer: BulkWriter
    # The reports' business clock: generated stays carry their length on it.
    clock: BusinessClock = field(default_factory=BusinessClock)
    recruiters: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    pools: list[int] = field(default_factory=list)
    reasons: list[int] = field(default_factory=list)
    reason_names: dict[int, str] = field(default_factory=dict)
    stage_names: list[str] = field(default_factory=list)
    stale_limits: list[int | None] = field(default_factory=list)
    hired_stage: int = 6
    interview_stage: int = 4
    ack_template: int | None = None
    rejection_template: int | None = None
    # Every generated resume points at one shared file: its text is on the row.
    resume_file: str = ""
    resume_size: int = 0
    resume_sha256: str = ""
    from_email: str = "Ghostless <jobs@ghostless.example>"
    mailbox: str = "jobs@ghostless.example"
    jobs: list[JobInfo] = field(default_factory=list)
    special_jobs: list[JobInfo] = field(default_factory=list)
    big_job: JobInfo | None = None
    close_out_job: JobInfo | None = None
    _ids: dict[str, int] = field(default_factory=dict)
    _opened: list[datetime] = field(default_factory=list)
    _weeks: dict[int, list[JobInfo]] = field(default_factory=dict)

    @property
    def start(self) -> datetime:
        return self.now - DAY * 365 * YEARS

    @property
    def span_seconds(self) -> float:
        return (self.now - self.start).total_seconds()

    def new_id(self, name: str) -> int:
        value = self._ids[name]
        self._ids[name] = value + 1
        return value

    def _week(self, at: datetime) -> int:
        # Counted from the start, so the same seed makes the same choices on any day.
        return (at - self.start).days // 7

    def job_open_at(self, at: datetime) -> JobInfo:
        """A job taking applications in the week of `at`, else the one opened nearest."""
        week = self._weeks.get(self._week(at))
        if week:
            return self.rng.choice(week)
        i = bisect_right(self._opened, at)
        return self.jobs[min(max(i - 1, 0), len(self.jobs) - 1)]


def build_world(
    *, rng: random.Random, now: datetime, writer: BulkWriter, candidates: int, ids: dict
) -> World:
    w = World(rng=rng, now=now, writer=writer, _ids=ids)
    with transaction.atomic():
        _users(w, candidates)
        _lookups(w)
        _jobs(w, candidates)
    return w


def _users(w: World, candidates: int) -> None:
    """Recruiters (one per 5,000 candidates, at least 3) and hiring managers; reused by
    `--append` runs, so a second run adds candidates to the same people."""
    wanted = [(f"{USER_PREFIX}admin", Role.ADMIN)]
    wanted += [
        (f"{USER_PREFIX}recruiter-{i}", Role.RECRUITER) for i in range(max(3, candidates // 5000))
    ]
    wanted += [
        (f"{USER_PREFIX}manager-{i}", Role.HIRING_MANAGER)
        for i in range(max(2, candidates // 20000))
    ]
    existing = set(
        User.objects.filter(username__startswith=USER_PREFIX).values_list("username", flat=True)
    )
    User.objects.bulk_create(
        [
            User(
                username=name,
                role=role,
                # Not from the seed's random stream: an --append run finds them made already.
                first_name=vocab.FIRST_NAMES[n * 7 % len(vocab.FIRST_NAMES)],
                last_name=vocab.LAST_NAMES[n * 11 % len(vocab.LAST_NAMES)],
                email=f"{name}@ghostless.example",
                password=make_password(None),  # unusable: sign in with a token, or set one
            )
            for n, (name, role) in enumerate(wanted)
            if name not in existing
        ]
    )
    users = dict(
        User.objects.filter(username__startswith=USER_PREFIX).values_list("username", "pk")
    )
    w.recruiters = [users[n] for n, role in wanted if role == Role.RECRUITER]
    w.managers = [users[n] for n, role in wanted if role == Role.HIRING_MANAGER]


def _lookups(w: World) -> None:
    for name in vocab.TAGS:
        Tag.objects.get_or_create(name=name)
    w.tags = list(
        Tag.objects.filter(name__in=vocab.TAGS).order_by("name").values_list("pk", flat=True)
    )
    for name in vocab.POOLS:
        TalentPool.objects.get_or_create(name=name, defaults={"description": "Generated"})
    w.pools = list(
        TalentPool.objects.filter(name__in=vocab.POOLS)
        .order_by("name")
        .values_list("pk", flat=True)
    )
    reasons = list(RejectionReason.objects.filter(active=True).order_by("order", "pk"))
    w.reasons = [r.pk for r in reasons]
    w.reason_names = {r.pk: r.name for r in reasons}
    templates = EmailTemplate.objects.order_by("name", "pk")
    w.ack_template = (
        templates.filter(purpose=Purpose.ACKNOWLEDGEMENT).values_list("pk", flat=True).first()
    )
    w.rejection_template = (
        templates.filter(purpose=Purpose.REJECTION).values_list("pk", flat=True).first()
    )
    template = PipelineTemplate.objects.filter(is_default=True).first()
    w.stage_names = [s.name for s in template.stages.order_by("order", "id")]
    w.stale_limits = [s.stale_after_days for s in template.stages.order_by("order", "id")]
    # Reports match stages by role (issue 19): generated pipelines carry the template's.
    w.stage_roles = [s.role for s in template.stages.order_by("order", "id")]
    names = [n.lower() for n in w.stage_names]
    w.hired_stage = names.index("hired") if "hired" in names else max(1, len(names) - 2)
    w.interview_stage = names.index("interview") if "interview" in names else w.hired_stage - 2


def _jobs(w: World, candidates: int) -> None:
    """A job per 200 candidates over three years: old ones filled or closed, recent ones open;
    plus the two jobs the benchmark measures."""
    rng, now = w.rng, w.now
    specs = []
    for _ in range(max(1, candidates // 200)):
        opened = w.start + (now - DAY * 10 - w.start) * rng.random()
        ended = opened + DAY * rng.randint(30, 150)
        if ended < now - DAY * 7:
            status = "filled" if rng.random() < 0.8 else "closed"
        else:
            ended = None
            status = "open" if rng.random() < 0.9 else "on_hold"
        specs.append((opened, ended, status))
    specs.sort()
    share = max(1, candidates // 10)
    big = (now - DAY * 60, None, "open", min(BIG_JOB_APPLICANTS, share))
    closing = (now - DAY * 100, now - DAY * 2, "filled", min(CLOSE_OUT_APPLICANTS, share))

    rows = []
    job_id = w.writer.next_id(Job)
    family_names = list(vocab.FAMILIES)
    for n, (opened, ended, status, *quota) in enumerate([*specs, big, closing]):
        family = vocab.FAMILIES[rng.choice(family_names)]
        title = rng.choice(family["titles"])
        pk = job_id + n
        info = JobInfo(
            id=pk,
            title=title,
            status=status,
            opened=opened,
            ended=ended,
            stage_ids=[],
            hires=int(status == "filled"),
        )
        if quota:
            info.quota = quota[0]
            info.every = max(1, candidates // quota[0])
            info.offset = len(w.special_jobs) % info.every
            w.special_jobs.append(info)
        else:
            w.jobs.append(info)
        rows.append(
            (
                pk,
                title,
                family["department"],
                rng.choice(vocab.LOCATIONS),
                f"We are hiring a {title} to join our {family['department']} team.",
                ", ".join(rng.sample(family["skills"], 3)),
                status,
                rng.choice(w.managers),
                f"{slugify(title)[:60]}-{pk}",
                opened - DAY * 3,
                ended or opened,
                ended or opened,
            )
        )
    w.big_job, w.close_out_job = w.special_jobs
    w.close_out_job.closes_out = True
    w.writer.insert(
        Job,
        (
            "id",
            "title",
            "department",
            "location",
            "description",
            "skills",
            "status",
            "hiring_manager_id",
            "slug",
            "created_at",
            "updated_at",
            "status_changed_at",
        ),
        rows,
    )
    stage_rows, link_rows = [], []
    stage_id = w.writer.next_id(Stage)
    link_id = w.writer.next_id(Job.recruiters.through)
    for info in [*w.jobs, *w.special_jobs]:
        stages = zip(w.stage_names, w.stale_limits, w.stage_roles, strict=True)
        for order, (name, limit, role) in enumerate(stages):
            info.stage_ids.append(stage_id)
            stage_rows.append((stage_id, info.id, name, order, limit, role))
            stage_id += 1
        for recruiter in rng.sample(w.recruiters, min(2, len(w.recruiters))):
            link_rows.append((link_id, info.id, recruiter))
            link_id += 1
    w.writer.insert(
        Stage, ("id", "job_id", "name", "order", "stale_after_days", "role"), stage_rows
    )
    w.writer.insert(Job.recruiters.through, ("id", "job_id", "user_id"), link_rows)
    w._opened = [job.opened for job in w.jobs]
    for job in w.jobs:
        for week in range(w._week(job.opened), w._week(job.window_end(now)) + 1):
            w._weeks.setdefault(week, []).append(job)
