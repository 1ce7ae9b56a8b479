"""One candidate and everything that hangs off them, as rows ready for the bulk writer.

Each candidate's story is made whole in memory (applications, stage history, timeline,
email, resume, pools) so the denormalized fields (`last_contact_at`, `last_inbound_at`,
`last_outbound_at`, `told_at`) are computed from the very rows written, never patched later.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from ghostless.demo.datagen import vocab
from ghostless.demo.datagen.world import JobInfo, World
from ghostless.jobs.furthest import HIRED_RANK, RANK
from ghostless.jobs.stays import following
from ghostless.reports.stays import stay_length

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
FAMILY_NAMES = list(vocab.FAMILY_WEIGHTS)
FAMILY_CUM = list(accumulate(vocab.FAMILY_WEIGHTS.values()))
SOURCE_NAMES = list(vocab.SOURCES)
SOURCE_CUM = list(accumulate(vocab.SOURCES.values()))
APPS_PER_CANDIDATE = [0, 1, 2, 3, 4]
APPS_CUM = list(accumulate([10, 25, 35, 20, 10]))  # mean 1.95
ACTIVE_STAGE_CUM = list(accumulate([10, 35, 20, 15, 12, 8]))  # Sourced .. Offer
REJECTED_STAGE_CUM = list(accumulate([0, 50, 20, 15, 10, 5]))  # most leave early
TOUCH_KINDS = ["email", "call", "sms", "voicemail", "linkedin", "meeting", "note"]
TOUCH_CUM = list(accumulate([35, 20, 8, 7, 12, 6, 12]))
CALL_OUTCOMES = ["connected", "connected", "no_answer", "left_voicemail", "busy"]
CONTACT_KINDS = {"email", "sms", "call", "voicemail", "linkedin", "meeting"}
TARGET_ACTIVITIES = 10

CANDIDATE_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "location",
    "linkedin_url",
    "github_url",
    "website_url",
    "current_title",
    "current_company",
    "source",
    "owner_id",
    "skills",
    "last_contact_at",
    "last_inbound_at",
    "last_outbound_at",
    "unsubscribed_at",
    "created_at",
    "updated_at",
)
EMAIL_FIELDS = ("id", "candidate_id", "email", "order")
PHONE_FIELDS = ("id", "candidate_id", "phone", "order")
TAG_FIELDS = ("id", "candidate_id", "tag_id")
RESUME_FIELDS = (
    "id",
    "candidate_id",
    "file",
    "original_filename",
    "content_type",
    "size",
    "sha256",
    "uploaded_at",
    "uploaded_by_id",
    "is_current",
    "text",
    "parse_status",
    "parsed_at",
)
APPLICATION_FIELDS = (
    "id",
    "candidate_id",
    "job_id",
    "stage_id",
    "status",
    "rejection_reason_id",
    "source",
    "owner_id",
    "created_at",
    "stage_entered_at",
    "status_changed_at",
    "told_at",
    "told_how",
    "hear_back_by",
    "furthest_rank",
)
INTERVIEW_FIELDS = (
    "id",
    "application_id",
    "stage_id",
    "title",
    "starts_at",
    "duration_minutes",
    "uid",
    "status",
    "organizer_id",
    "created_at",
    "updated_at",
)
ATTENDEE_FIELDS = ("id", "interview_id", "role", "user_id", "email", "name")
SCORECARD_FIELDS = (
    "id",
    "interview_id",
    "application_id",
    "interviewer_id",
    "recommendation",
    "submitted_at",
    "updated_at",
)
STAGE_CHANGE_FIELDS = (
    "id",
    "application_id",
    "from_stage_id",
    "to_stage_id",
    "actor_id",
    "changed_at",
    "left_at",
    "stay_seconds",
)
ACTIVITY_FIELDS = (
    "id",
    "candidate_id",
    "application_id",
    "kind",
    "direction",
    "outcome",
    "occurred_at",
    "created_at",
    "actor_id",
    "subject",
    "body",
    "private",
    "payload",
    "answered_at",
)
MESSAGE_FIELDS = (
    "id",
    "candidate_id",
    "application_id",
    "template_id",
    "created_by_id",
    "activity_id",
    "to_email",
    "from_email",
    "subject",
    "body_text",
    "message_id",
    "thread_token",
    "status",
    "attempts",
    "next_attempt_at",
    "claimed_at",
    "sent_at",
    "created_at",
)
INBOUND_FIELDS = (
    "id",
    "dedup_key",
    "message_id",
    "from_email",
    "from_name",
    "to",
    "subject",
    "body_text",
    "sent_at",
    "received_at",
    "source",
    "raw",
    "state",
    "matched_by",
    "candidate_id",
    "activity_id",
)
POOL_MEMBER_FIELDS = (
    "id",
    "pool_id",
    "candidate_id",
    "added_at",
    "added_by_id",
    "reason",
    "consent_given_at",
    "consent_expires_at",
)


@dataclass
class Batch:
    """Rows of one batch of candidates, per table, in the order they are written."""

    candidates: list = field(default_factory=list)
    emails: list = field(default_factory=list)
    phones: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    resumes: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    stage_changes: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    inbound: list = field(default_factory=list)
    pool_members: list = field(default_factory=list)
    interviews: list = field(default_factory=list)
    attendees: list = field(default_factory=list)
    scorecards: list = field(default_factory=list)


@dataclass
class Person:
    """What one candidate's timeline needs while it is written."""

    cid: int
    name: str
    email: str
    owner: int
    # (occurred_at, kind, direction, id, application, outcome, actor, subject, body, private,
    # payload): the Activity row with its time first, so the timeline sorts by it.
    activities: list = field(default_factory=list)


def add_candidate(w: World, b: Batch, index: int) -> None:
    """Append one candidate and all their rows to the batch. `index` counts candidates of
    this run; the benchmark's special jobs take every n-th one."""
    rng = w.rng
    cid = w.new_id("candidate")
    family_name = rng.choices(FAMILY_NAMES, cum_weights=FAMILY_CUM)[0]
    family = vocab.FAMILIES[family_name]
    first = rng.choice(vocab.FIRST_NAMES)
    last = rng.choice(vocab.LAST_NAMES)
    slug = f"{first}.{last}".lower()
    email = f"{slug}.{cid}@{rng.choice(vocab.EMAIL_DOMAINS)}"
    owner = rng.choice(w.recruiters)
    source = rng.choices(SOURCE_NAMES, cum_weights=SOURCE_CUM)[0]
    title = rng.choice(family["titles"])
    company = f"{rng.choice(vocab.COMPANIES)} {rng.choice(vocab.COMPANY_SUFFIXES)}"
    location = rng.choice(vocab.LOCATIONS)
    skills = rng.sample(family["skills"], rng.randint(2, 5))
    if family_name == "engineering" and rng.random() < vocab.COMMON_TERM_SHARE:
        skills.append("Kubernetes")
    born = w.start + timedelta(seconds=rng.random() * w.span_seconds)
    applied = _choose_jobs(w, index, born)
    created = min([born] + [at for _, at in applied])
    person = Person(cid=cid, name=f"{first} {last}", email=email, owner=owner)

    _activity(
        w,
        person,
        created,
        "system",
        "internal",
        subject=f"Added to Ghostless (source: {source})",
        payload='{"event": "candidate_created"}',
    )
    for job, at in applied:
        _application(w, b, person, job, at, source)
    _touches(w, b, person, created)
    contact = [a for a in person.activities if a[1] in CONTACT_KINDS and a[2] != "internal"]
    inbound = [a[0] for a in contact if a[2] == "inbound"]
    outbound = [a[0] for a in contact if a[2] == "outbound"]
    answers = sorted(outbound)
    for (
        at,
        kind,
        direction,
        aid,
        app,
        outcome,
        actor,
        subject,
        text,
        private,
        payload,
    ) in person.activities:
        b.activities.append(
            (
                aid,
                cid,
                app,
                kind,
                direction,
                outcome,
                at,
                at,
                actor,
                subject,
                text,
                private,
                payload,
                _first_after(answers, at) if (kind, direction) in REPLIES else None,
            )
        )

    handle = slug.replace(".", "-")
    b.candidates.append(
        (
            cid,
            first,
            last,
            location,
            f"https://www.linkedin.com/in/{handle}-{cid}" if rng.random() < 0.6 else "",
            f"https://github.com/{handle}-{cid}" if rng.random() < 0.15 else "",
            f"https://{handle}-{cid}.example.com" if rng.random() < 0.05 else "",
            title,
            company,
            source,
            owner,
            ", ".join(skills),
            max(a[0] for a in contact) if contact else None,
            max(inbound) if inbound else None,
            max(outbound) if outbound else None,
            w.now - DAY * rng.randint(1, 300) if rng.random() < 0.01 else None,
            created,
            max(created, w.now - DAY * rng.randint(0, 200)),
        )
    )
    b.emails.append((w.new_id("email"), cid, email, 0))
    if rng.random() < 0.15:
        alt = f"{first[0]}{last}.{cid}@{rng.choice(vocab.ALT_EMAIL_DOMAINS)}".lower()
        b.emails.append((w.new_id("email"), cid, alt, 1))
    if rng.random() < 0.7:
        b.phones.append((w.new_id("phone"), cid, phone_number(cid), 0))
    for tag in rng.sample(w.tags, rng.choice((0, 0, 1, 1, 2, 3))):
        b.tags.append((w.new_id("tag"), cid, tag))
    # Every RARE_TERM_EVERY-th candidate has a resume naming the rare term: a fixed count,
    # not a chance, so every data set of 20,000 or more has some.
    rare = index % vocab.RARE_TERM_EVERY == vocab.RARE_TERM_EVERY // 2
    if rng.random() < 1 / 3 or rare:
        text = resume_text(rng, person.name, title, company, location, family, skills, rare)
        uploaded = created + (w.now - created) * rng.random() * 0.1
        b.resumes.append(
            (
                w.new_id("resume"),
                cid,
                w.resume_file,
                f"{handle}-cv.txt",
                "text/plain",
                w.resume_size,
                w.resume_sha256,
                uploaded,
                owner if source in vocab.OUTBOUND_SOURCES else None,
                True,
                text,
                "parsed",
                uploaded + timedelta(seconds=5),
            )
        )
    if rng.random() < 0.06:
        for pool in rng.sample(w.pools, rng.choice((1, 1, 2))):
            added = created + (w.now - created) * rng.random()
            consent = added + DAY * rng.randint(0, 10) if rng.random() < 0.7 else None
            b.pool_members.append(
                (
                    w.new_id("pool_member"),
                    pool,
                    cid,
                    added,
                    owner,
                    "Strong candidate, keep in touch",
                    consent,
                    consent + DAY * 730 if consent else None,
                )
            )


def phone_number(cid: int) -> str:
    """A unique, well-formed North American number for every candidate id below 5.6e9."""
    area = 201 + (cid // 8_000_000) % 700
    exchange = 200 + (cid // 10_000) % 800
    return f"+1{area}{exchange}{cid % 10_000:04d}"


def resume_text(rng, name, title, company, location, family, skills, rare: bool) -> str:
    """About a kilobyte of plain text, like what pypdf gets out of a one-page CV."""
    phrases = rng.sample(family["phrases"], min(3, len(family["phrases"])))
    years = rng.randint(2, 15)
    school = rng.choice(vocab.SCHOOLS)
    hobbies = rng.sample(vocab.HOBBIES, 2)
    if rare:
        hobbies.append(vocab.RARE_TERM)
    previous = f"{rng.choice(vocab.COMPANIES)} {rng.choice(vocab.COMPANY_SUFFIXES)}"
    return (
        f"{name}\n{title} · {location}\n\n"
        f"Summary\n{title} with {years} years of experience. At {company} I {phrases[0]}. "
        f"Before that, at {previous}, I {phrases[1]} and {phrases[-1]}.\n\n"
        f"Experience\n{title}, {company} (present)\n- {phrases[0].capitalize()}.\n"
        f"- {phrases[-1].capitalize()}.\n{rng.choice(family['titles'])}, {previous}\n"
        f"- {phrases[1].capitalize()}.\n\n"
        f"Skills\n{', '.join(skills)}\n\n"
        f"Education\n{rng.choice(vocab.DEGREES)}, {school}\n\n"
        f"Languages\nEnglish, {rng.choice(['German', 'French', 'Spanish', 'Polish', 'Dutch'])}\n\n"
        f"Interests\n{', '.join(hobbies)}\n"
    )


def _choose_jobs(w: World, index: int, born: datetime) -> list[tuple[JobInfo, datetime]]:
    """The jobs this person applied to, each with the moment of applying."""
    rng = w.rng
    chosen: list[tuple[JobInfo, datetime]] = []
    for job in w.special_jobs:
        if job.take(index):
            chosen.append((job, job.opened + (job.window_end(w.now) - job.opened) * rng.random()))
    taken = {job.id for job, _ in chosen}
    for _ in range(rng.choices(APPS_PER_CANDIDATE, cum_weights=APPS_CUM)[0]):
        at = min(born + DAY * 20 * rng.random(), w.now - HOUR)
        job = w.job_open_at(at)
        if job.id in taken:
            job = w.job_open_at(at)  # one more try keeps the mean near two applications
            if job.id in taken:
                continue
        if not job.opened <= at <= job.window_end(w.now):
            at = job.opened + (job.window_end(w.now) - job.opened) * rng.random()
        taken.add(job.id)
        chosen.append((job, at))
    return chosen


REPLIES = {(kind, "inbound") for kind in CONTACT_KINDS}


def _first_after(sorted_moments: list[datetime], at: datetime) -> datetime | None:
    """The first moment strictly after `at` (an inbound touch's answered_at)."""
    i = bisect_right(sorted_moments, at)
    return sorted_moments[i] if i < len(sorted_moments) else None


def _activity(w: World, person: Person, at: datetime, kind: str, direction: str, **fields) -> int:
    aid = w.new_id("activity")
    person.activities.append(
        (
            at,
            kind,
            direction,
            aid,
            fields.get("application"),
            fields.get("outcome", ""),
            fields.get("actor"),
            fields.get("subject", ""),
            fields.get("body", ""),
            fields.get("private", False),
            fields.get("payload", "{}"),
        )
    )
    return aid


def _sent_email(w, b, person, at, subject, text, *, application=None, template=None) -> None:
    """An email from the outbox: a sent Message and its timeline entry."""
    mid = w.new_id("message")
    aid = _activity(
        w,
        person,
        at,
        "email",
        "outbound",
        application=application,
        actor=person.owner,
        subject=subject,
        body=text,
        payload=f'{{"event": "email_sent", "message": {mid}, "to": "{person.email}"}}',
    )
    b.messages.append(
        (
            mid,
            person.cid,
            application,
            template,
            person.owner,
            aid,
            person.email,
            w.from_email,
            subject,
            text,
            f"<gen.{mid}@ghostless.example>",
            f"{mid:032x}",
            "sent",
            1,
            at,
            at,
            at,
            at - timedelta(seconds=30),
        )
    )


def _received_email(w, b, person, at, subject, text) -> None:
    """A reply that reached the mailbox: an InboundEmail and its timeline entry."""
    iid = w.new_id("inbound")
    aid = _activity(
        w,
        person,
        at,
        "email",
        "inbound",
        subject=subject,
        body=text,
        payload=f'{{"event": "email_received", "inbound": {iid}, "from": "{person.email}"}}',
    )
    key = f"<in.{iid}@mail.example>"
    b.inbound.append(
        (
            iid,
            key,
            key,
            person.email,
            person.name,
            w.mailbox,
            subject,
            text,
            at,
            at,
            "imap",
            b"",
            "matched",
            "sender",
            person.cid,
            aid,
        )
    )


def _application(w: World, b: Batch, person: Person, job: JobInfo, at, source: str) -> None:
    """One application with its stage history, outcome and the messages about it."""
    rng = w.rng
    app_id = w.new_id("application")
    last_walk = w.hired_stage - 1  # the furthest stage before Hired
    first = 0 if source in vocab.OUTBOUND_SOURCES else 1
    status, reason, told_at, changed_at = "active", None, None, None
    end = job.window_end(w.now)
    if job.hire_now():
        status, stage = "hired", w.hired_stage
        entered = changed_at = min(end, max(at, end - DAY * 5))
    elif job.closes_out:
        stage = rng.randint(1, min(4, last_walk))
        entered = at + (end - at) * rng.random()
    else:
        ended = job.status in ("filled", "closed")
        roll = rng.random()
        if roll < (0.1 if ended else 0.05):
            status = "withdrawn"
        elif ended or roll < 0.2:
            status = "rejected"
        if status == "active":
            stage = rng.choices(range(6), cum_weights=ACTIVE_STAGE_CUM)[0]
            stage = min(stage, last_walk)
            entered = max(at, w.now - DAY * rng.expovariate(1 / 3))
        else:
            stage = min(rng.choices(range(6), cum_weights=REJECTED_STAGE_CUM)[0], last_walk)
            changed_at = at + (min(end + DAY * 2, w.now) - at) * rng.random()
            entered = at + (changed_at - at) * rng.random()
            reason = rng.choice(w.reasons) if status == "rejected" else None
    first = min(first, stage)
    owner = person.owner if rng.random() < 0.8 else None
    stages, names = job.stage_ids, w.stage_names
    hear_back_by = None
    if status == "active" and stage >= w.interview_stage:
        hear_back_by = _interview(w, b, person, app_id, stages[stage], entered, owner)

    # The stage history: added at the first stage, then one move per stage up to the current.
    _activity(
        w,
        person,
        at,
        "stage_change",
        "internal",
        application=app_id,
        actor=owner,
        subject=f"Added to {job.title} at {names[first]}",
        payload=f'{{"event": "application_created", "job_id": {job.id}, '
        f'"to_stage": "{names[first]}", "source": "{source}"}}',
    )
    history = [(w.new_id("stage_change"), app_id, None, stages[first], owner, at)]
    steps = stage - first
    for n, order in enumerate(range(first + 1, stage + 1), start=1):
        moved = at + (entered - at) * (n / steps)
        history.append(
            (w.new_id("stage_change"), app_id, stages[order - 1], stages[order], owner, moved)
        )
        _activity(
            w,
            person,
            moved,
            "stage_change",
            "internal",
            application=app_id,
            actor=owner,
            subject=f"{job.title}: {names[order - 1]} → {names[order]}",
            payload=f'{{"event": "stage_changed", "job_id": {job.id}, '
            f'"from_stage": "{names[order - 1]}", "to_stage": "{names[order]}"}}',
        )
    # Each stay ends at the next change (StageChange.left_at, as jobs.stays keeps it).
    history.sort(key=lambda change: (change[5], change[0]))
    ends = following([(app_id, change[5]) for change in history])
    for change, end in zip(history, ends, strict=True):
        closed = end or (changed_at if status != "active" else None)
        # The generator's moments are naive UTC (writer.py); the clock wants aware ones.
        length = None
        if closed is not None:
            length = stay_length(w.clock, change[5].replace(tzinfo=UTC), closed.replace(tzinfo=UTC))
        b.stage_changes.append((*change, end, length))
    if source not in vocab.OUTBOUND_SOURCES and rng.random() < 0.95:
        _sent_email(
            w,
            b,
            person,
            min(at + timedelta(minutes=rng.randint(1, 600)), w.now),
            f"Thanks for applying to {job.title}",
            "We have your application and will be in touch within a week.",
            application=app_id,
            template=w.ack_template,
        )
    if changed_at is not None:
        label = w.reason_names[reason] if reason else ""
        _activity(
            w,
            person,
            changed_at,
            "system",
            "internal",
            application=app_id,
            actor=owner,
            subject=f"{job.title}: {status}" + (f" ({label})" if label else ""),
            payload=f'{{"event": "status_changed", "job_id": {job.id}, "from": "active", '
            f'"to": "{status}", "reason": "{label}"}}',
        )
    if status == "rejected" and rng.random() < 0.97:
        told_at = min(changed_at + HOUR * rng.randint(1, 48), w.now)
        _sent_email(
            w,
            b,
            person,
            told_at,
            f"Your application for {job.title}",
            "Thank you for your time. We decided to go on with other candidates.",
            application=app_id,
            template=w.rejection_template,
        )
    b.applications.append(
        (
            app_id,
            person.cid,
            job.id,
            stages[stage],
            status,
            reason,
            source,
            owner,
            at,
            entered,
            changed_at,
            told_at,
            "email" if told_at else "",
            hear_back_by,
            HIRED_RANK
            if status == "hired"
            else max(RANK.get(w.stage_roles[k], 0) for k in range(first, stage + 1)),
        )
    )


RECOMMENDATIONS = ["definitely_not", "no", "yes", "yes", "strong_yes"]


def _interview(w: World, b: Batch, person: Person, app_id: int, stage_id: int, entered, owner):
    """An interview in the application's stage with two recruiters on the panel, most of
    their scorecards given, and the answer promised five days after it: the rules then find
    feedback owed, decisions due and promises coming due. Returns the promised date."""
    rng = w.rng
    starts = min(entered + DAY * rng.uniform(0.5, 4), w.now - HOUR * 2)
    if starts <= entered:
        return None
    iid = w.new_id("interview")
    b.interviews.append(
        (iid, app_id, stage_id, "Interview", starts, 60, f"datagen-{iid}@ghostless", "scheduled",
         owner, entered, entered)
    )  # fmt: skip
    b.attendees.append((w.new_id("attendee"), iid, "candidate", None, person.email, person.name))
    for user in rng.sample(w.recruiters, min(2, len(w.recruiters))):
        email = f"interviewer{user}@ghostless.example"
        b.attendees.append((w.new_id("attendee"), iid, "interviewer", user, email, ""))
        given = starts + HOUR * rng.randint(2, 40)
        if given <= w.now and rng.random() < 0.75:
            b.scorecards.append(
                (w.new_id("scorecard"), iid, app_id, user, rng.choice(RECOMMENDATIONS), given,
                 given)
            )  # fmt: skip
    return starts + HOUR + DAY * 5


def _touches(w: World, b: Batch, person: Person, created: datetime) -> None:
    """Calls, mail, texts and notes until the timeline holds about ten entries. Most inbound
    touches that end a timeline get an answer; the rest wait (the follow-up rules find them)."""
    rng = w.rng
    span = (w.now - created).total_seconds()
    count = max(1, TARGET_ACTIVITIES - len(person.activities))
    for at in sorted(created + timedelta(seconds=span * rng.random()) for _ in range(count)):
        kind = rng.choices(TOUCH_KINDS, cum_weights=TOUCH_CUM)[0]
        if kind == "note":
            _activity(
                w,
                person,
                at,
                "note",
                "internal",
                actor=person.owner,
                body=rng.choice(vocab.NOTES),
                private=rng.random() < 0.1,
            )
            continue
        if kind in ("email", "sms", "linkedin"):
            direction = "inbound" if rng.random() < 0.4 else "outbound"
        else:
            direction = "inbound" if kind == "call" and rng.random() < 0.2 else "outbound"
        text = rng.choice(vocab.TOUCH_BODIES)
        if kind == "email" and direction == "outbound":
            _sent_email(w, b, person, at, rng.choice(vocab.EMAIL_SUBJECTS_OUT), text)
        elif kind == "email":
            _received_email(w, b, person, at, rng.choice(vocab.EMAIL_SUBJECTS_IN), text)
        else:
            outcome = (
                rng.choice(CALL_OUTCOMES) if kind == "call" and direction == "outbound" else ""
            )
            actor = person.owner if direction == "outbound" else None
            _activity(w, person, at, kind, direction, actor=actor, outcome=outcome, body=text)
    contact = [a for a in person.activities if a[1] in CONTACT_KINDS and a[2] != "internal"]
    if not contact:
        return
    last = max(contact, key=lambda a: a[0])
    reply_at = last[0] + HOUR * rng.randint(1, 48)
    if last[2] == "inbound" and rng.random() < 0.85 and reply_at < w.now:
        _sent_email(w, b, person, reply_at, "Re: your message", rng.choice(vocab.TOUCH_BODIES))
