"""Measure every operation a recruiter waits for, at scale (issue 8; docs/performance.md).

    DATABASE_URL=sqlite:////work/bench-data/bench-100k.sqlite3 \\
        .venv/bin/python bench/run.py --candidates 100000 [--generate]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ghostless_bench \\
        .venv/bin/python bench/run.py --candidates 100000

Prints median and p95 over repeated runs, the SQL queries of one run, the raw-SQL floor and
the ratio; writes bench/results/<database>-<N>.json and Markdown rows for the docs.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    # Tasks queued by the measured requests go to a throwaway queue nobody consumes.
    os.environ.setdefault("HUEY_PATH", str(Path(tempfile.mkdtemp(prefix="bench-")) / "huey.db"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghostless.settings")
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=0, help="the size to report")
    parser.add_argument("--generate", action="store_true", help="run generate_data first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", default="", help="comma-separated words of operation names")
    parser.add_argument("--outbox-messages", type=int, default=200)
    parser.add_argument(
        "--http",
        action="store_true",
        help="also time each page over HTTP from gunicorn on loopback (bench/over_http.py)",
    )
    parser.add_argument(
        "--table", action="store_true", help="print the table of bench/results/*.json and stop"
    )
    args = parser.parse_args()
    setup_django()
    if args.table:
        from bench.harness import saved_table

        print("\n".join(saved_table()))
        return

    from django.core.management import call_command
    from django.db import connection

    from bench import harness, ops
    from bench.outbox import outbox_throughput
    from bench.over_http import timed_pages
    from ghostless.candidates.models import Candidate

    if args.candidates < 1:
        parser.error("--candidates is required")
    call_command("migrate", verbosity=0)
    if args.generate:
        call_command("generate_data", candidates=args.candidates, seed=args.seed)
    have = Candidate.objects.count()
    if not have:
        sys.exit("No candidates: run manage.py generate_data first, or pass --generate.")
    if have != args.candidates:
        print(f"note: the database holds {have:,} candidates, not {args.candidates:,}")

    scene = ops.find_scene()
    only = [w.strip().lower() for w in args.only.split(",") if w.strip()]
    results = []
    try:
        for make in ops.ALL:
            op = make(scene)
            if only and not any(w in op.name.lower() for w in only):
                continue
            result = harness.measure(op, runs=args.runs)
            results.append(result)
            url = getattr(op.run, "url", "")
            if args.http and url and not url.startswith("/api/"):
                cookie = f"sessionid={scene.client.cookies['sessionid'].value}"
                result.extra |= timed_pages({op.name: url}, cookie)[op.name]
            print(harness.summary(result), flush=True)
        if not only or any(w in "outbox to local smtp" for w in only):
            result = outbox_throughput(scene.recruiter, messages=args.outbox_messages)
            results.append(result)
            print(harness.summary(result), flush=True)
    finally:
        scene.token.delete()
    meta = {"runs": args.runs, "candidates_in_database": have}
    path = harness.write_results(results, candidates=args.candidates, meta=meta)
    print(f"\nwrote {path.relative_to(ROOT)}\n")
    for line in harness.MARKDOWN_HEADER + harness.markdown_rows(
        results, database=connection.vendor, candidates=args.candidates
    ):
        print(line)


if __name__ == "__main__":
    main()
