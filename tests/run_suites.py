"""Run the whole test suite on SQLite, then again on PostgreSQL when one is reachable.

    .venv/bin/python tests/run_suites.py [extra pytest arguments]

Every feature must work on both databases, so both run. A suite that cannot run (no
PostgreSQL, no chromium for the browser tests) is reported as SKIPPED with the reason; under
CI=true a skipped suite is a failure, since CI exists to run them all. The exit status is
non-zero when any suite fails, and the last line printed is pytest's own summary line.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"
SUMMARY_LINE = re.compile(r"\b(\d+ (passed|failed|errors?|skipped|deselected)|no tests ran)\b")


@dataclass
class Outcome:
    name: str
    what: str
    status: str  # ran, FAILED, SKIPPED
    detail: str


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_POSTGRES


def postgres_problem(url: str) -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    import psycopg

    parts = urlsplit(url)
    try:
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
            connect_timeout=3,
        ):
            return None
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"PostgreSQL is not reachable at {parts.hostname}:{parts.port or 5432} ({reason})"


def run_pytest(args: list[str], env: dict[str, str]) -> tuple[int, str, float]:
    """Run pytest, streaming its output; return its exit code and final summary line."""
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 -- this interpreter running pytest
        [sys.executable, "-m", "pytest", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    summary = ""
    for line in process.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if SUMMARY_LINE.search(line):
            summary = line.strip().strip("=").strip()
    return process.wait(), summary, time.monotonic() - started


def banner(text: str) -> None:
    print(f"\n{'=' * 25} {text} {'=' * 25}", flush=True)


def main(extra: list[str]) -> int:
    in_ci = os.environ.get("CI", "").lower() == "true"
    parallel = ["-n", "2"] if importlib.util.find_spec("xdist") else []
    outcomes: list[Outcome] = []
    summaries: list[str] = []

    def run(name: str, what: str, args: list[str], env: dict[str, str]) -> None:
        banner(f"{name}: {what}")
        code, summary, seconds = run_pytest([*parallel, *args, *extra], env)
        summaries.append(summary)
        if code == 0:
            outcomes.append(Outcome(name, what, "ran", f"{summary} ({seconds:.0f}s)"))
        elif code == 5:
            outcomes.append(Outcome(name, what, "FAILED", "pytest collected no tests"))
        else:
            outcomes.append(Outcome(name, what, "FAILED", f"{summary} (exit code {code})"))

    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    run("sqlite", "all tests, browser tests included", [], base_env)

    if shutil.which("chromium") is None:
        reason = "chromium is not installed (apt-get install chromium)"
        outcomes.append(Outcome("browser", "tests marked browser", "SKIPPED", reason))

    url = postgres_url()
    problem = postgres_problem(url)
    if problem:
        outcomes.append(Outcome("postgresql", "all tests but browser", "SKIPPED", problem))
    else:
        # The browser tests exercise views, not SQL; once on SQLite is enough.
        run(
            "postgresql",
            "all tests but browser",
            ["-m", "not browser"],
            base_env | {"DATABASE_URL": url},
        )

    failed = any(o.status == "FAILED" for o in outcomes)
    skipped = any(o.status == "SKIPPED" for o in outcomes)
    banner("Ghostless test suites")
    for o in outcomes:
        print(f"  {o.status:<8} {o.name:<11} {o.what:<36} {o.detail}")
    if skipped and in_ci:
        print("  CI=true: a skipped suite counts as a failure.")
    verdict = "FAILED" if failed or (skipped and in_ci) else "passed"
    print(f"  result: {verdict}")
    # Keep pytest's own closing line last, where people and CI look for it.
    print(summaries[-1] if summaries else "no tests ran", flush=True)
    return 1 if verdict == "FAILED" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
