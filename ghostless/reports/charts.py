"""Chart specs for charts.js, passed to the page with json_script, and the sentence that says
what each chart shows (for screen readers; the table beneath has every figure)."""

from ghostless.reports.activity import KINDS, ActivityReport
from ghostless.reports.funnel import Funnel
from ghostless.reports.ghosting import GhostingReport
from ghostless.reports.sources import Sources
from ghostless.reports.time_in_stage import TimeInStage
from ghostless.reports.time_to_hire import TimeToHire
from ghostless.timeline.models import Kind


def _pct(value: float | None) -> str:
    return "no data" if value is None else f"{value:g}%"


def told_by_week(report: GhostingReport) -> dict:
    weeks = report.weeks
    series = [
        ("Told within 2 business days", "green", [w.told_within[2] for w in weeks]),
        (
            "Within 3–5",
            "sky",
            [w.told_within[5] - w.told_within[2] for w in weeks],
        ),
        (
            "Within 6–10",
            "blue",
            [w.told_within[10] - w.told_within[5] for w in weeks],
        ),
        ("Later", "orange", [w.told - w.told_within[10] for w in weeks]),
        ("Never told", "vermillion", [w.never_told for w in weeks]),
    ]
    return {
        "type": "bar",
        "stacked": True,
        "labels": [w.label for w in weeks],
        "y_label": "Applicants decided",
        "series": [{"label": label, "colour": c, "data": data} for label, c, data in series],
    }


def told_summary(report: GhostingReport) -> str:
    total = report.total
    return (
        f"Of {total.decided} applicants decided, {_pct(total.told_within_2)} were told within "
        f"2 business days, {_pct(total.told_within_10)} within 10, and {total.never_told} "
        "were never told."
    )


def replies_by_week(report: GhostingReport) -> dict:
    weeks = report.weeks
    series = [
        ("Answered within the limit", "green", [w.answered_in_limit for w in weeks]),
        ("Answered later", "orange", [w.answered - w.answered_in_limit for w in weeks]),
        ("Not answered", "vermillion", [w.unanswered for w in weeks]),
    ]
    return {
        "type": "bar",
        "stacked": True,
        "labels": [w.label for w in weeks],
        "y_label": "Replies from candidates",
        "series": [{"label": label, "colour": c, "data": data} for label, c, data in series],
    }


def replies_summary(report: GhostingReport) -> str:
    total = report.total
    median = total.median_answer_hours
    return (
        f"Of {total.replies} replies, {_pct(total.answered_in_limit_share)} were answered within "
        f"{report.answer_limit_hours} business hours and {total.unanswered} were never answered; "
        f"the median answer took {'no data' if median is None else f'{median:g} business hours'}."
    )


def leaderboard(rows) -> dict:
    """The ten rows that left most candidates waiting, as stacked horizontal bars."""
    rows = rows[:10]
    return {
        "type": "bar",
        "horizontal": True,
        "stacked": True,
        "labels": [r.label for r in rows],
        "y_label": "Candidates left waiting",
        "series": [
            {"label": "Never told", "colour": "vermillion", "data": [r.never_told for r in rows]},
            {
                "label": "Replies not answered",
                "colour": "orange",
                "data": [r.unanswered for r in rows],
            },
            {
                "label": "Promises broken",
                "colour": "purple",
                "data": [r.promises_broken + r.decisions_late for r in rows],
            },
        ],
    }


def leaderboard_summary(rows, noun: str) -> str:
    if not rows:
        return f"No {noun} to rank."
    worst = rows[0]
    return (
        f"The chart ranks the first {min(len(rows), 10)} of {len(rows)} by candidates left "
        f"waiting; worst is {worst.label} with {worst.left_waiting}."
    )


def funnel_chart(report: Funnel) -> dict:
    return {
        "type": "bar",
        "horizontal": True,
        "labels": [stage.name for stage in report.stages],
        "y_label": "Applications",
        "series": [
            {"label": "Reached", "colour": "blue", "data": [s.reached for s in report.stages]},
            {
                "label": "Went no further",
                "colour": "orange",
                "data": [s.at_furthest for s in report.stages],
            },
        ],
    }


def funnel_summary(report: Funnel) -> str:
    steps = "; ".join(
        f"{stage.name} {stage.reached}"
        + (
            f" ({_pct(stage.conversion)} of the step before)"
            if stage.conversion is not None
            else ""
        )
        for stage in report.stages
    )
    return f"Of {report.total} applications, reached: {steps}."


def sources_chart(report: Sources) -> dict:
    rows = report.rows[:12]
    return {
        "type": "bar",
        "labels": [r.source for r in rows],
        "y_label": "Applications",
        "series": [
            {"label": "Applicants", "colour": "sky", "data": [r.applicants for r in rows]},
            {"label": "Interviews", "colour": "blue", "data": [r.interviews for r in rows]},
            {"label": "Offers", "colour": "orange", "data": [r.offers for r in rows]},
            {"label": "Hires", "colour": "green", "data": [r.hires for r in rows]},
        ],
    }


def sources_summary(report: Sources) -> str:
    best = max(report.rows, key=lambda r: (r.hire_rate or 0, r.hires), default=None)
    if best is None:
        return "No applications."
    top = report.rows[0]
    return (
        f"{len(report.rows)} sources; most applicants from {top.source} ({top.applicants}); "
        f"best hire rate {best.source} ({_pct(best.hire_rate)})."
    )


def time_in_stage_chart(report: TimeInStage) -> dict:
    return {
        "type": "bar",
        "labels": [s.name for s in report.stages],
        "y_label": "Business days",
        "series": [
            {"label": "Median", "colour": "blue", "data": [s.median_days for s in report.stages]},
            {
                "label": "90th percentile",
                "colour": "orange",
                "data": [s.p90_days for s in report.stages],
            },
        ],
    }


def time_in_stage_summary(report: TimeInStage) -> str:
    measured = [s for s in report.stages if s.stays]
    if not measured:
        return "No finished stays to measure."
    slowest = max(measured, key=lambda s: s.median_days)
    return (
        f"{len(measured)} stages measured; the slowest is {slowest.name}, a median of "
        f"{slowest.median_days:g} business days (90th percentile {slowest.p90_days:g})."
    )


def activity_chart(report: ActivityReport) -> dict:
    colours = ["blue", "orange", "green", "sky", "vermillion", "purple", "black"]
    return {
        "type": "bar",
        "stacked": True,
        "labels": [w.label for w in report.weeks],
        "y_label": "Touches",
        "series": [
            {
                "label": Kind(kind).label,
                "colour": colour,
                "data": [w.by_kind[kind] for w in report.weeks],
            }
            for kind, colour in zip(KINDS, colours, strict=True)
        ],
    }


def activity_summary(report: ActivityReport) -> str:
    total = report.total
    busiest = max(total.by_kind, key=total.by_kind.get)
    return (
        f"{total.total} touches in {len(report.weeks)} weeks by {len(report.by_person)} people; "
        f"most were {Kind(busiest).label.lower()}s ({total.by_kind[busiest]})."
    )


def time_to_hire_chart(report: TimeToHire) -> dict:
    rows = [m.as_row() for m in report.months]
    return {
        "type": "bar",
        "labels": [m.label for m in report.months],
        "y_label": "Calendar days",
        "series": [
            {
                "label": "Median days to hire",
                "colour": "blue",
                "data": [r["median_days_to_hire"] for r in rows],
            },
            {
                "label": "90th percentile",
                "colour": "orange",
                "data": [r["p90_days_to_hire"] for r in rows],
            },
            {
                "label": "Median days to fill",
                "colour": "green",
                "data": [r["median_days_to_fill"] for r in rows],
            },
        ],
    }


def time_to_hire_summary(report: TimeToHire) -> str:
    total = report.total.as_row()
    hire = total["median_days_to_hire"]
    fill = total["median_days_to_fill"]
    return (
        f"{total['hires']} hires, a median of "
        f"{'no data' if hire is None else f'{hire:g} days'} from application; "
        f"{total['jobs_filled']} jobs filled, a median of "
        f"{'no data' if fill is None else f'{fill:g} days'} from opening."
    )
