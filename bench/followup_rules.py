"""How long one run of every follow-up rule takes over a large data set.

    .venv/bin/python bench/followup_rules.py --applications 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ghostless_bench \
        .venv/bin/python bench/followup_rules.py --applications 1000000

Builds its data with bulk inserts in an empty database (a fresh SQLite file under a temporary
folder unless DATABASE_URL is set; a PostgreSQL database must exist and be empty), then times
the first run of the rules (which creates the follow-ups), a steady full scan (made once an
hour) and an incremental run (what the periodic task costs every five minutes). One
application in ten has had an interview with two interviewers, with scorecards given or owed
and a promised answer, for the interview rules (feedback_due, decision_due, promise_due).
Target (issue 4): under 10 s per run for one million applications on either database.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["GHOSTLESS_VAR_DIR"] = tempfile.mkdtemp(prefix="ghostless-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghostless.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(applications: int, seed: int) -> None:
    from django.utils import timezone

    from ghostless.accounts.models import Role, User
    from ghostless.candidates.models import Candidate
    from ghostless.jobs.models import Application, Job, Stage
    from ghostless.jobs.services import job_create

    if Candidate.objects.exists():
        sys.exit("The database is not empty: point DATABASE_URL at an empty one.")
    rng = random.Random(seed)
    now = timezone.now()
    recruiters = [User.objects.create(username=f"bench{i}", role=Role.RECRUITER) for i in range(20)]
    jobs = [
        job_create(actor=None, title=f"Job {i}", status=rng.choice(["open"] * 8 + ["filled"]))
        for i in range(max(1, applications // 200))
    ]
    Job.objects.filter(status="filled").update(status_changed_at=now - timedelta(days=5))
    stages = {job.pk: list(Stage.objects.filter(job=job).order_by("order")) for job in jobs}
    panel = [
        User.objects.create(username=f"interviewer{i}", role=Role.INTERVIEWER) for i in range(30)
    ]
    batch = 20_000
    for start in range(0, applications, batch):
        size = min(batch, applications - start)
        people = []
        for _ in range(size):
            inbound = now - timedelta(hours=rng.randint(1, 24 * 90))
            answered = rng.random() < 0.8
            people.append(
                Candidate(
                    first_name="Bench",
                    owner=rng.choice(recruiters),
                    created_at=inbound - timedelta(days=3),
                    last_inbound_at=inbound,
                    last_outbound_at=inbound + timedelta(hours=2) if answered else None,
                    last_contact_at=inbound,
                )
            )
        Candidate.objects.bulk_create(people, batch_size=5000)
        rows = []
        for person in people:
            job = rng.choice(jobs)
            stage = rng.choice(stages[job.pk][:6])
            arrived = person.created_at
            rows.append(
                Application(
                    candidate=person,
                    job=job,
                    stage=stage,
                    status=rng.choice(["active"] * 6 + ["rejected", "withdrawn"]),
                    owner=person.owner,
                    created_at=arrived,
                    stage_entered_at=arrived + timedelta(days=rng.randint(0, 2)),
                    status_changed_at=arrived + timedelta(days=1),
                )
            )
        Application.objects.bulk_create(rows, batch_size=5000)
        build_interviews(rng, now, [row for row in rows if rng.random() < 0.1], panel)
        print(f"  built {start + size:,} applications", flush=True)


def build_interviews(rng, now, applications, panel) -> None:
    """For each application, one interview in its stage within the last three weeks, two
    interviewers, each scorecard given (most) or owed, and the answer promised."""
    from ghostless.interviews.models import Attendee, Interview, Scorecard
    from ghostless.jobs.models import Application

    interviews = [
        Interview(
            application=application,
            stage_id=application.stage_id,
            title="Interview",
            starts_at=now - timedelta(hours=rng.randint(2, 24 * 21)),
            duration_minutes=60,
            created_at=application.created_at,
        )
        for application in applications
    ]
    Interview.objects.bulk_create(interviews, batch_size=5000)
    attendees, scorecards, promised = [], [], []
    for interview in interviews:
        for person in rng.sample(panel, 2):
            attendees.append(
                Attendee(
                    interview=interview, role="interviewer", user=person, email=f"{person}@x.test"
                )
            )
            if rng.random() < 0.7:
                given = interview.starts_at + timedelta(hours=rng.randint(1, 48))
                scorecards.append(
                    Scorecard(
                        interview=interview,
                        application_id=interview.application_id,
                        interviewer=person,
                        recommendation="yes",
                        submitted_at=given,
                        updated_at=given,
                    )
                )
        interview.application.hear_back_by = interview.starts_at + timedelta(days=5)
        promised.append(interview.application)
    Attendee.objects.bulk_create(attendees, batch_size=5000)
    Scorecard.objects.bulk_create(scorecards, batch_size=5000)
    Application.objects.bulk_update(promised, ["hear_back_by"], batch_size=5000)


def timed_run(*, full: bool) -> tuple[float, dict]:
    from ghostless.followups.rules import run_rules

    started = time.perf_counter()
    report = run_rules(full=full)
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    print(f"database: {connection.vendor}, applications: {args.applications:,}")
    started = time.perf_counter()
    build(args.applications, args.seed)
    print(f"built in {time.perf_counter() - started:.1f} s")
    first, report = timed_run(full=True)
    created = sum(counts.get("created", 0) for counts in report.values())
    full, _ = timed_run(full=True)
    incremental, _ = timed_run(full=False)
    target = 10.0 * args.applications / 1_000_000
    print(f"first run (creates {created:,} follow-ups): {first:.2f} s")
    print(f"full scan, steady (hourly): {full:.2f} s")
    print(f"incremental run (every 5 minutes): {incremental:.2f} s")
    print(
        f"target at this size (10 s per million, linear): {target:.2f} s; "
        f"incremental/target {incremental / target:.2f}, full/target {full / target:.2f}"
    )


if __name__ == "__main__":
    main()
