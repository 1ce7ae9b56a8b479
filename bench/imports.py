"""Import benchmark: generate a CSV of N new people (every 4th put on one job), then dry-run
and import it through the services, printing rows per second and peak memory (tracemalloc)
for each phase. Tracing memory slows Python down about five times, so times and memory are
measured in separate runs: without `--memory` the times are the import's own.

    GHOSTLESS_VAR_DIR=/tmp/bench-imports python manage.py migrate
    GHOSTLESS_VAR_DIR=/tmp/bench-imports python -m bench.imports --rows 100000
    GHOSTLESS_VAR_DIR=/tmp/bench-imports python -m bench.imports --rows 100000 --memory
    DATABASE_URL=postgres://... python -m bench.imports --rows 100000

The target (issue 21): 100,000 rows in under 2 minutes on SQLite and PostgreSQL.
"""

import argparse
import csv
import os
import tempfile
import time
import tracemalloc

import django


def _generate(path: str, rows: int, job_id: int) -> None:
    # New people every time: the benchmark measures creates, a re-run would only match.
    stamp = int(time.time())
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["First name", "Last name", "Email", "Phone", "Company", "Tags", "Notes", "Job"]
        )
        for n in range(rows):
            writer.writerow(
                [
                    f"Bench{n}",
                    f"Person{n % 5000}",
                    f"bench{stamp}-{n}@example.org",
                    "",
                    f"Company {n % 300}",
                    "bench" if n % 3 == 0 else "",
                    "Met at a meetup" if n % 10 == 0 else "",
                    job_id if n % 4 == 0 else "",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory", action="store_true", help="print peak memory (slow)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghostless.settings")
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ghostless.accounts.models import Role, User
    from ghostless.imports import services
    from ghostless.jobs.models import Job
    from ghostless.jobs.services import job_create

    user, _ = User.objects.get_or_create(username="bench-importer", defaults={"role": Role.ADMIN})
    job = Job.objects.filter(title="Bench job").first() or job_create(actor=user, title="Bench job")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.csv")
        _generate(path, args.rows, job.pk)
        with open(path, "rb") as handle:
            upload = SimpleUploadedFile("bench.csv", handle.read())
    if args.memory:
        tracemalloc.start()
    started = time.perf_counter()
    job = services.import_upload(actor=user, upload=upload)
    for name, start in (("dry run", services.import_dry_run), ("import", services.import_run)):
        tracemalloc.reset_peak()
        began = time.perf_counter()
        job = start(job=job, actor=user)
        # Run the phase here rather than through the queue, so it is what is timed.
        job = services.import_process(job=job)
        took = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        memory = f", peak {peak:.0f} MB" if args.memory else ""
        counts = job.dry_run_counts if name == "dry run" else job.run_counts
        print(f"{name}: {args.rows / took:,.0f} rows/s, {took:.1f} s{memory}, {counts}")
    print(f"total {time.perf_counter() - started:.1f} s ({job.state})")


if __name__ == "__main__":
    main()
