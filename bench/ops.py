# ruff: noqa: S608 -- the floors are hand-written SQL; only constants are formatted in,
# every value travels as a parameter.
"""The operations a recruiter waits for (issue 8), each with its raw-SQL floor.

`find_scene()` picks, from a generated data set, the objects the operations work on: the job
with the most active applicants (2,000 in generated data), the filled job with the most
applicants still untold (10,000), the recruiter with the most open follow-ups, one of the big
job's candidates. The floors fetch the rows each page shows, by hand, through the raw driver.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from bench.harness import Op, db_time, raw_fetch
from ghostless.accounts.models import ApiToken, User
from ghostless.accounts.services import api_token_create
from ghostless.candidates.models import Candidate
from ghostless.core.confirm import CONFIRM_FIELD
from ghostless.demo.datagen import vocab
from ghostless.followups.models import FollowUp, State
from ghostless.followups.selectors import end_of_today
from ghostless.jobs.models import Application
from ghostless.loop.services import default_reason
from ghostless.search.query import parse, to_fts5, to_tsquery
from ghostless.search.selectors import RESULT_LIMIT

PAGE = 25


@dataclass
class Scene:
    recruiter: User
    client: Client
    token: ApiToken
    api_headers: dict
    big_job: int
    job_200: int
    close_out_job: int
    candidate: int


def find_scene() -> Scene:
    busiest = (
        FollowUp.objects.filter(state=State.OPEN, assignee__isnull=False)
        .values("assignee")
        .annotate(n=Count("id"))
        .order_by("-n", "assignee")
        .first()
    )
    recruiter = (
        User.objects.get(pk=busiest["assignee"])
        if busiest
        else User.objects.filter(role="recruiter", is_active=True).order_by("pk").first()
    )
    # The open job with 2,000 applicants, not the filled one whose 10,000 wait to be told.
    big_job = _job_with_most(Application.objects.filter(job__status="open"))
    close_out_job = (
        _job_with_most(
            Application.objects.filter(
                status="active", told_at__isnull=True, job__status__in=["filled", "closed"]
            )
        )
        or big_job
    )
    candidate = (
        Application.objects.filter(job_id=big_job)
        .order_by("pk")
        .values_list("candidate_id", flat=True)
        .first()
    )
    client = Client()
    client.force_login(recruiter)
    token, raw = api_token_create(user=recruiter, name="bench")
    return Scene(
        recruiter=recruiter,
        client=client,
        token=token,
        api_headers={"Authorization": f"Bearer {raw}"},
        big_job=big_job,
        job_200=_job_near(200) or big_job,
        close_out_job=close_out_job,
        candidate=candidate,
    )


def _job_near(applicants: int) -> int | None:
    """The open job whose active and hired applicants come nearest to `applicants`."""
    counts = (
        Application.objects.filter(job__status="open", status__in=["active", "hired"])
        .values("job")
        .annotate(n=Count("id"))
    )
    nearest = min(counts, key=lambda row: (abs(row["n"] - applicants), row["job"]), default=None)
    return nearest["job"] if nearest else None


def _job_with_most(applications) -> int | None:
    row = applications.values("job").annotate(n=Count("id")).order_by("-n", "job").first()
    return row["job"] if row else None


def _get(scene: Scene, url: str, **headers):
    def run():
        response = scene.client.get(url, headers=headers)
        if response.status_code != 200:
            raise AssertionError(f"GET {url}: {response.status_code}")
        return response

    run.url = url  # bench/over_http.py asks for the same page over HTTP
    return run


# The floors: the rows each page renders, fetched by hand.


def _candidate_rows(ids: list[int]) -> None:
    """What a list row shows besides the candidate: emails, tags, applications."""
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    raw_fetch(
        "SELECT candidate_id, email FROM candidates_candidateemail "
        f"WHERE candidate_id IN ({marks})",
        ids,
    )
    raw_fetch(
        "SELECT ct.candidate_id, t.name FROM candidates_candidate_tags ct "
        f"JOIN candidates_tag t ON t.id = ct.tag_id WHERE ct.candidate_id IN ({marks})",
        ids,
    )
    raw_fetch(
        "SELECT a.candidate_id, a.status, j.title, s.name FROM jobs_application a "
        "JOIN jobs_job j ON j.id = a.job_id JOIN jobs_stage s ON s.id = a.stage_id "
        f"WHERE a.candidate_id IN ({marks})",
        ids,
    )


def _list_floor(where: str, params: list, *, capped: bool = True):
    """The candidate list's rows by hand: the count (up to 1,001, as the page counts, unless
    not `capped`), the page of candidates with their owner, and what each row shows."""
    filtered = f"FROM candidates_candidate c WHERE {where}"
    count = f"SELECT COUNT(*) {filtered}"
    if capped:
        count = f"SELECT COUNT(*) FROM (SELECT 1 {filtered} LIMIT 1001) s"

    def floor():
        raw_fetch(count, params)
        rows = raw_fetch(
            "SELECT c.id, c.first_name, c.last_name, c.current_title, c.current_company, "
            "c.location, c.source, c.last_contact_at, u.first_name, u.last_name "
            "FROM candidates_candidate c LEFT JOIN accounts_user u ON u.id = c.owner_id "
            f"WHERE {where} ORDER BY c.created_at DESC, c.id DESC LIMIT {PAGE}",
            params,
        )
        _candidate_rows([r[0] for r in rows])

    return floor


def candidate_list(scene: Scene) -> Op:
    owner = scene.recruiter
    where = (
        "c.owner_id = %s AND EXISTS (SELECT 1 FROM jobs_application a "
        "WHERE a.candidate_id = c.id AND a.status = 'active')"
    )
    return Op(
        "candidate list, owner + status filters",
        _get(scene, f"/candidates/?owner={owner.username}&status=active"),
        _list_floor(where, [owner.pk], capped=False),
    )


def candidate_list_unfiltered(scene: Scene) -> Op:
    """The page a recruiter opens first: every candidate, newest first."""
    return Op("candidate list, no filter", _get(scene, "/candidates/"), _list_floor("1 = 1", []))


def candidate_list_job(scene: Scene) -> Op:
    """Filtered by the open job with 2,000 applicants."""
    where = "c.id IN (SELECT candidate_id FROM jobs_application WHERE job_id = %s)"
    return Op(
        "candidate list, job filter (2,000 applicants)",
        _get(scene, f"/candidates/?job={scene.big_job}"),
        _list_floor(where, [scene.big_job]),
    )


def candidate_list_quick_find(scene: Scene) -> Op:
    """The list's quick find with a word one candidate in twenty has (in their skills)."""
    term = vocab.COMMON_TERM
    query, groups = parse(f"{term}*"), ("a", "b")  # as the quick find asks the index
    if connection.vendor == "postgresql":
        match = (
            "SELECT candidate_id FROM search_searchdocument "
            "WHERE vector @@ to_tsquery('simple', %s)"
        )
        text = to_tsquery(query, groups)
    else:
        match, text = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
            to_fts5(query, groups),
        )
    return Op(
        f"candidate list, quick find ({term}, 1 in 20)",
        _get(scene, f"/candidates/?q={term}"),
        _list_floor(f"c.id IN ({match})", [text]),
    )


def profile(scene: Scene) -> Op:
    pk = scene.candidate

    def floor():
        raw_fetch(
            "SELECT c.*, u.first_name, u.last_name FROM candidates_candidate c "
            "LEFT JOIN accounts_user u ON u.id = c.owner_id WHERE c.id = %s",
            [pk],
        )
        _candidate_rows([pk])
        raw_fetch("SELECT phone FROM candidates_candidatephone WHERE candidate_id = %s", [pk])
        raw_fetch("SELECT COUNT(*) FROM timeline_activity WHERE candidate_id = %s", [pk])
        raw_fetch(
            "SELECT a.id, a.kind, a.direction, a.outcome, a.occurred_at, a.subject, a.body, "
            "u.first_name, u.last_name, j.title FROM timeline_activity a "
            "LEFT JOIN accounts_user u ON u.id = a.actor_id "
            "LEFT JOIN jobs_application ap ON ap.id = a.application_id "
            "LEFT JOIN jobs_job j ON j.id = ap.job_id "
            f"WHERE a.candidate_id = %s ORDER BY a.occurred_at DESC, a.id DESC LIMIT {PAGE}",
            [pk],
        )
        raw_fetch(
            "SELECT id, reason, due_at FROM followups_followup "
            "WHERE candidate_id = %s AND state IN ('open', 'snoozed')",
            [pk],
        )
        raw_fetch(
            "SELECT p.name, m.consent_given_at FROM pools_poolmember m "
            "JOIN pools_talentpool p ON p.id = m.pool_id WHERE m.candidate_id = %s",
            [pk],
        )

    return Op(
        "profile with first timeline page",
        _get(scene, f"/candidates/{pk}/"),
        floor,
        target=(7, 150),
        http_target=8.9,  # OpenCATS's candidate page, measured the same way (issue 15)
    )


def job_page(scene: Scene) -> Op:
    job = scene.big_job

    def floor():
        raw_fetch("SELECT * FROM jobs_job WHERE id = %s", [job])
        raw_fetch(
            'SELECT id, name, "order" FROM jobs_stage WHERE job_id = %s ORDER BY "order"', [job]
        )
        raw_fetch("SELECT COUNT(*) FROM jobs_application WHERE job_id = %s", [job])
        raw_fetch(
            "SELECT a.id, a.status, a.created_at, a.stage_entered_at, c.first_name, c.last_name, "
            "c.last_contact_at, s.name FROM jobs_application a "
            "JOIN candidates_candidate c ON c.id = a.candidate_id "
            "JOIN jobs_stage s ON s.id = a.stage_id WHERE a.job_id = %s "
            f"ORDER BY a.created_at DESC, a.id DESC LIMIT {PAGE}",
            [job],
        )

    return Op(
        "job page, 2,000 applicants (first page)",
        _get(scene, f"/jobs/{job}/"),
        floor,
        target=(5, 150),
        http_target=5.0,  # OpenCATS's job order page
    )


def _board(job: int, scene: Scene, name: str, **targets) -> Op:
    def floor():
        raw_fetch(
            'SELECT id, name, "order" FROM jobs_stage WHERE job_id = %s ORDER BY "order"', [job]
        )
        raw_fetch(
            "SELECT a.id, a.stage_id, a.stage_entered_at, c.first_name, c.last_name "
            "FROM jobs_application a JOIN candidates_candidate c ON c.id = a.candidate_id "
            "WHERE a.job_id = %s AND a.status IN ('active', 'hired') "
            "ORDER BY a.stage_entered_at, a.id",
            [job],
        )
        raw_fetch(
            "SELECT status, COUNT(*) FROM jobs_application WHERE job_id = %s "
            "AND status IN ('rejected', 'withdrawn') GROUP BY status",
            [job],
        )

    return Op(name, _get(scene, f"/jobs/{job}/board/"), floor, **targets)


def board(scene: Scene) -> Op:
    return _board(scene.big_job, scene, "pipeline board, 2,000 applicants")


def board_200(scene: Scene) -> Op:
    """Issue 15's board: a job with about 200 applicants, as most jobs have."""
    return _board(
        scene.job_200,
        scene,
        "pipeline board, 200 applicants",
        target=(12, 150),
        http_target=12.3,  # OpenCATS's pipeline of a job order
    )


def candidates_api(scene: Scene) -> Op:
    """The API's candidate list, first page, as an integration pulls it."""
    return Op(
        "candidates API, first page",
        _get(scene, "/api/v1/candidates?limit=25", **scene.api_headers),
        target=(20, 150),
    )


def followup_queue(scene: Scene) -> Op:
    user = scene.recruiter
    now = timezone.now()
    where = "f.assignee_id = %s AND f.state = 'open' AND f.due_at <= %s"

    def floor():
        params = [user.pk, db_time(end_of_today(now))]
        raw_fetch(f"SELECT COUNT(*) FROM followups_followup f WHERE {where}", params)
        raw_fetch(
            "SELECT f.id, f.reason, f.due_at, f.waiting_since, c.first_name, c.last_name, "
            "j.title, s.name FROM followups_followup f "
            "JOIN candidates_candidate c ON c.id = f.candidate_id "
            "LEFT JOIN jobs_application a ON a.id = f.application_id "
            "LEFT JOIN jobs_job j ON j.id = a.job_id LEFT JOIN jobs_stage s ON s.id = a.stage_id "
            f"WHERE {where} ORDER BY CASE WHEN f.due_at <= %s THEN 0 ELSE 1 END, "
            f"f.waiting_since, f.id LIMIT {PAGE}",
            [*params, db_time(now)],
        )

    return Op(
        "follow-up queue of one recruiter",
        _get(scene, "/followups/"),
        floor,
        target=(20, 150),
        floor_ratio=2,
    )


def _untold_sql() -> str:
    return (
        "SELECT a.id, a.candidate_id, c.first_name, c.last_name, a.status, s.name, "
        '(SELECT MAX(ts."order") FROM jobs_stagechange sc '
        "JOIN jobs_stage ts ON ts.id = sc.to_stage_id WHERE sc.application_id = a.id) "
        "FROM jobs_application a JOIN candidates_candidate c ON c.id = a.candidate_id "
        "JOIN jobs_stage s ON s.id = a.stage_id WHERE a.job_id = %s AND a.told_at IS NULL "
        "AND a.loop_skip_reason = '' AND a.status NOT IN ('hired', 'withdrawn') "
        "ORDER BY c.first_name, c.last_name, a.id"
    )


def loop_state(scene: Scene) -> Op:
    job = scene.close_out_job

    def floor():
        raw_fetch(
            "SELECT COUNT(*), SUM(CASE WHEN told_at IS NULL AND loop_skip_reason = '' "
            "AND status NOT IN ('hired', 'withdrawn') THEN 1 ELSE 0 END) "
            "FROM jobs_application WHERE job_id = %s AND status <> 'hired'",
            [job],
        )
        raw_fetch(_untold_sql(), [job])

    return Op(
        "loop state of a job (API, 10,000 untold)",
        _get(scene, f"/api/v1/jobs/{job}/loop", **scene.api_headers),
        floor,
    )


def close_out(scene: Scene) -> Op:
    """The POST of "Tell them all" for 10,000 applicants, rolled back each time: the request
    plans who gets which message and hands the plan to a task; the sending is not measured."""
    job = scene.close_out_job
    reason = default_reason()

    def run():
        with transaction.atomic():
            # As from the preview's button: "Tell them all" asks first (issue 16).
            data = {"reason": reason.pk, "key": str(uuid.uuid4()), CONFIRM_FIELD: "yes"}
            response = scene.client.post(f"/loop/jobs/{job}/close/", data)
            if response.status_code != 302:
                raise AssertionError(f"close-out: {response.status_code}")
            transaction.set_rollback(True)

    def floor():
        with transaction.atomic():
            raw_fetch(_untold_sql(), [job])
            transaction.set_rollback(True)

    return Op("start a close-out of 10,000 applicants", run, floor, runs=5)


def _rules_op(name: str, full: bool) -> Op:
    """Target: 10 s per million applications, scaled to the applications there are."""
    from ghostless.followups.rules import run_rules

    limit = 10_000 * Application.objects.count() / 1_000_000
    return Op(
        name,
        lambda: run_rules(full=full),
        target=(limit, limit),
        runs=3,
        note=f"target here: {limit / 1000:.1f} s (10 s per million applications)",
    )


def rules(scene: Scene) -> Op:
    return _rules_op("one run of all follow-up rules (incremental)", full=False)


def rules_full(scene: Scene) -> Op:
    return _rules_op("one run of all follow-up rules (full scan)", full=True)


def _search_floor(term: str):
    """The engine's match of the search's ranking bound, the best page of it, and the rows
    a result shows (the candidate and the document its snippet is cut from)."""
    query = parse(term)

    def floor():
        if connection.vendor == "postgresql":
            hits = raw_fetch(
                "SELECT d.candidate_id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.vector, q) "
                "FROM search_searchdocument d, to_tsquery('simple', %s) q "
                f"WHERE d.vector @@ q LIMIT {RESULT_LIMIT}",
                [to_tsquery(query)],
            )
        else:
            hits = raw_fetch(
                "SELECT rowid, -bm25(search_fts, 10.0, 4.0, 2.0, 1.0) FROM search_fts "
                f"WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT {RESULT_LIMIT}",
                [to_fts5(query)],
            )
        ids = [pk for pk, _ in sorted(hits, key=lambda hit: (-hit[1], -hit[0]))[:PAGE]]
        if ids:
            marks = ", ".join(["%s"] * len(ids))
            raw_fetch(
                "SELECT c.id, c.first_name, c.last_name, c.current_title, c.current_company, "
                "c.location, d.a, d.b, d.c, d.d FROM candidates_candidate c "
                f"JOIN search_searchdocument d ON d.candidate_id = c.id WHERE c.id IN ({marks})",
                ids,
            )

    return floor


def search_rare(scene: Scene) -> Op:
    term = vocab.RARE_TERM
    return Op(
        f"search, rare term ({term})",
        _get(scene, f"/search/?q={term}"),
        _search_floor(term),
        target=(20, 150),
        floor_ratio=2,
    )


def search_common(scene: Scene) -> Op:
    term = vocab.COMMON_TERM
    return Op(
        f"search, common term ({term}, 1 in 20)",
        _get(scene, f"/search/?q={term}"),
        _search_floor(term),
        target=(20, 150),
        floor_ratio=2,
    )


def search_broad(scene: Scene) -> Op:
    term = vocab.BROAD_TERM
    return Op(
        f"search, broad term ({term}, 1 in 3)",
        _get(scene, f"/search/?q={term}"),
        _search_floor(term),
        target=(300, 300),
        floor_ratio=2,
    )


def search_api(scene: Scene) -> Op:
    term = vocab.COMMON_TERM
    return Op(
        f"search API, common term ({term})",
        _get(scene, f"/api/v1/search?q={term}", **scene.api_headers),
        _search_floor(term),
        floor_ratio=2,
    )


def status_page(scene: Scene) -> Op:
    """The candidate's own page (issue 18: under 50 ms), for the candidate with the most
    applications, opened without a login from their signed link."""
    from ghostless.status.links import status_url

    row = Application.objects.values("candidate").annotate(n=Count("id")).order_by("-n").first()
    pk = row["candidate"] if row else scene.candidate
    path = "/status/" + status_url(Candidate.objects.get(pk=pk)).split("/status/", 1)[1]
    visitor = Client()

    def run():
        response = visitor.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path}: {response.status_code}")
        return response

    run.url = path

    def floor():
        raw_fetch("SELECT * FROM candidates_candidate WHERE id = %s", [pk])
        raw_fetch(
            "SELECT a.id, a.status, a.hear_back_by, a.stage_entered_at, j.title, j.status, "
            's."order", s.role, s.stale_after_days, s.candidate_name, s.candidate_description '
            "FROM jobs_application a JOIN jobs_job j ON j.id = a.job_id "
            "JOIN jobs_stage s ON s.id = a.stage_id WHERE a.candidate_id = %s",
            [pk],
        )
        raw_fetch(
            'SELECT s.job_id, s."order", s.role, s.candidate_name FROM jobs_stage s '
            "WHERE s.job_id IN (SELECT job_id FROM jobs_application WHERE candidate_id = %s)",
            [pk],
        )
        raw_fetch(
            "SELECT i.application_id, i.starts_at FROM interviews_interview i "
            "JOIN jobs_application a ON a.id = i.application_id WHERE a.candidate_id = %s",
            [pk],
        )
        raw_fetch("SELECT * FROM pools_poolmember WHERE candidate_id = %s", [pk])
        raw_fetch(
            "SELECT email FROM candidates_candidateemail WHERE candidate_id = %s LIMIT 1", [pk]
        )

    return Op(f"candidate status page ({row['n'] if row else 0} applications)", run, floor)


# The reports (issue 19): the whole company over a year, one job (the open one with 2,000
# applicants) over the same year, and the CSV's first byte. Floors: the rows each report
# reads, fetched by hand.

YEAR = 365


def _year_query(job: int | None = None) -> str:
    today = timezone.localdate()
    query = f"from={today - timedelta(days=YEAR - 1)}&to={today}"
    return f"{query}&job={job}" if job else query


def _since() -> datetime:
    return timezone.now() - timedelta(days=YEAR)


def _job_clause(job: int | None, column: str = "a.job_id") -> tuple[str, list]:
    return (f" AND {column} = %s", [job]) if job else ("", [])


def _ghosting_floor(job: int | None):
    """Decisions and replies of the year, each reply with its stored first answer."""
    where, params = _job_clause(job)
    raw_fetch(
        "SELECT a.id, a.owner_id, a.job_id, a.status_changed_at, a.told_at "
        "FROM jobs_application a WHERE a.status = 'rejected' AND a.status_changed_at >= %s" + where,
        [_since(), *params],
    )
    joined = " JOIN jobs_application a ON a.id = r.application_id" if job else ""
    raw_fetch(
        "SELECT r.candidate_id, r.occurred_at, r.answered_at FROM timeline_activity r"
        + joined
        + " WHERE r.direction = 'inbound' AND r.occurred_at >= %s AND NOT r.private"
        + where,
        [_since(), *params],
    )


def _applications_by(columns: str):
    """Floor of the funnel ("a.furthest_rank") and sources ("a.source, a.furthest_rank"): the
    year's applications grouped by the stored columns."""

    def floor(job: int | None):
        where, params = _job_clause(job)
        raw_fetch(
            f"SELECT {columns}, COUNT(*) FROM jobs_application a "
            "WHERE a.created_at >= %s" + where + f" GROUP BY {columns}",
            [_since(), *params],
        )

    return floor


def _time_in_stage_floor(job: int | None):
    """The range's stays with their stored lengths (through the applications for one job)."""
    where, params = _job_clause(job)
    joined = " JOIN jobs_application a ON a.id = c.application_id" if job else ""
    raw_fetch(
        "SELECT c.to_stage_id, c.stay_seconds FROM jobs_stagechange c"
        + joined
        + " WHERE c.changed_at >= %s"
        + where,
        [_since(), *params],
    )


def _time_to_hire_floor(job: int | None):
    where, params = _job_clause(job)
    raw_fetch(
        "SELECT a.job_id, a.created_at, a.status_changed_at FROM jobs_application a "
        "WHERE a.status = 'hired' AND a.status_changed_at >= %s" + where,
        [_since(), *params],
    )


def _activity_floor(job: int | None):
    """People's public touches of the year, counted by person, kind and direction."""
    joined, where, params = "", "", []
    if job:
        joined = " JOIN jobs_application a ON a.id = r.application_id"
        where, params = _job_clause(job)
    raw_fetch(
        "SELECT r.actor_id, r.kind, r.direction, COUNT(*) FROM timeline_activity r"
        + joined
        + " WHERE r.actor_id IS NOT NULL AND NOT r.private AND r.occurred_at >= %s"
        + where
        + " GROUP BY r.actor_id, r.kind, r.direction",
        [_since(), *params],
    )


REPORTS = [
    ("ghosting", "/reports/ghosting/", _ghosting_floor),
    ("funnel", "/reports/funnel/", _applications_by("a.furthest_rank")),
    ("sources", "/reports/sources/", _applications_by("a.source, a.furthest_rank")),
    ("time in stage", "/reports/time-in-stage/", _time_in_stage_floor),
    ("time to hire", "/reports/time-to-hire/", _time_to_hire_floor),
    ("activity", "/reports/activity/", _activity_floor),
]


def _first_byte(scene: Scene, url: str):
    """The streamed CSV's first chunk: what a browser waits for before the download starts."""

    def run():
        response = scene.client.get(url)
        if response.status_code != 200:
            raise AssertionError(f"GET {url}: {response.status_code}")
        first = next(iter(response.streaming_content))
        # Dropping the response closes the stream through the test client's own wrapper, which
        # keeps the database connection open; response.close() here would fire
        # request_finished with close_old_connections connected and drop it (PostgreSQL).
        del response
        return first

    return run


def _report_ops(label: str, path: str, floor) -> list[Callable[[Scene], Op]]:
    def company(scene: Scene) -> Op:
        url = f"{path}?{_year_query()}"
        return Op(
            f"report: {label}, company, a year",
            _get(scene, url),
            lambda: floor(None),
            target=(300, 600),
            runs=3,
        )

    def one_job(scene: Scene) -> Op:
        url = f"{path}?{_year_query(scene.big_job)}"
        return Op(
            f"report: {label}, one job (2,000 applicants), a year",
            _get(scene, url),
            lambda: floor(scene.big_job),
            target=(50, 150),
            runs=5,
        )

    def csv_first_byte(scene: Scene) -> Op:
        url = f"{path}?{_year_query()}&format=csv"
        return Op(
            f"report: {label}, company, a year, CSV first byte",
            _first_byte(scene, url),
            target=(1000, 2000),
            runs=3,
        )

    slug = label.replace(" ", "_")
    for make in (company, one_job, csv_first_byte):
        make.__name__ = f"report_{slug}_{make.__name__}"  # the bench test's ids
    return [company, one_job, csv_first_byte]


def reports_dashboard(scene: Scene) -> Op:
    return Op("report: dashboard", _get(scene, "/reports/"), target=(300, 600), runs=5)


REPORT_OPS = [op for report in REPORTS for op in _report_ops(*report)] + [reports_dashboard]


ALL = [
    candidate_list,
    candidate_list_unfiltered,
    candidate_list_job,
    candidate_list_quick_find,
    profile,
    job_page,
    board,
    board_200,
    candidates_api,
    search_rare,
    search_common,
    search_broad,
    search_api,
    followup_queue,
    loop_state,
    close_out,
    rules,
    rules_full,
    status_page,
    *REPORT_OPS,
]
