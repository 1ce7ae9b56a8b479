"""The pipeline board: lean cards, the first few per column."""

from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from ghostless.core.links import set_links
from ghostless.core.web import render
from ghostless.jobs.models import Application, ApplicationStatus, Job, Stage
from ghostless.jobs.selectors import (
    ON_BOARD,
    access_job,
    board_cards,
    job_status_counts,
)

OFF_BOARD = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


# Each board column shows this many cards; "N more" links to the job page for the rest.
BOARD_COLUMN_CARDS = 25


def _stage_options(stages: list[Stage]) -> dict[int, str]:
    """Every stage's "Move to" options with that stage selected, built once for all cards."""
    return {
        current.pk: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (stage.pk, mark_safe(" selected") if stage.pk == current.pk else "", stage.name)
                for stage in stages
            ),
        )
        for current in stages
    }


def _board_context(request: HttpRequest, job: Job, focus: int | None = None) -> dict:
    """Lean cards, the first few per column: a big job's board stays small and fast. Each
    card's reject form loads when asked (`application_actions`); hire and withdraw are in
    its "More" menu, and ask before acting."""
    stages = list(job.stages.all())
    counts = job_status_counts(job)
    cards: dict[int, list[Application]] = {stage.pk: [] for stage in stages}
    shown_cards = board_cards(job, per_stage=BOARD_COLUMN_CARDS, include=focus)
    set_links(
        shown_cards,
        application_url=("jobs:application", "pk"),
        move_url=("jobs:move", "pk"),
        actions_url=("jobs:actions", "pk"),
        hire_url=("jobs:hire", "pk"),
        withdraw_url=("jobs:withdraw", "pk"),
        schedule_url=("interviews:schedule", "pk"),
        candidate_url=("candidates:detail", "candidate_id"),
    )
    for application in shown_cards:
        cards[application.stage_id].append(application)
    options = _stage_options(stages)
    columns = []
    for stage in stages:
        count = sum(counts.get((stage.pk, status), 0) for status in ON_BOARD)
        shown = cards[stage.pk]
        columns.append(
            {
                "stage": stage,
                "cards": shown,
                "count": count,
                "more": count - len(shown),
                "options": options[stage.pk],
            }
        )
    return {
        "nav": "jobs",
        "job": job,
        "stages": stages,
        "columns": columns,
        "on_board_count": sum(column["count"] for column in columns),
        "off_board": [
            (value, label, sum(n for (_, status), n in counts.items() if status == value))
            for value, label in ApplicationStatus.choices
            if value in OFF_BOARD
        ],
        "can_act": request.user.sees_everything,
        "focus": focus,
    }


def job_board(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    return render(request, "jobs/board.html", _board_context(request, job), partials=("board",))
