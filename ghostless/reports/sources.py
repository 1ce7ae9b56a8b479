"""Sources: where applications came from and how far each source's applications got.

One GROUP BY over the applications created in the range, by their `source`; interviews,
offers and hires by the furthest stage role reached (Application.furthest_rank), so an offer
counts whatever model records its terms."""

from dataclasses import dataclass

from django.db.models import Count

from ghostless.accounts.models import User
from ghostless.jobs.furthest import RANK
from ghostless.jobs.models import StageRole
from ghostless.reports.filters import Filters, scoped_applications


@dataclass
class SourceRow:
    source: str
    applicants: int
    interviews: int
    offers: int
    hires: int

    @property
    def hire_rate(self) -> float | None:
        return round(100 * self.hires / self.applicants, 1) if self.applicants else None

    def as_row(self) -> dict:
        return {
            "source": self.source,
            "applicants": self.applicants,
            "interviews": self.interviews,
            "offers": self.offers,
            "hires": self.hires,
            "hire_rate": self.hire_rate,
        }


@dataclass
class Sources:
    filters: Filters
    rows: list[SourceRow]

    @property
    def is_empty(self) -> bool:
        return not self.rows


def sources_report(*, actor: User | None, filters: Filters) -> Sources:
    """Grouped by source and stored furthest rank in SQL, then folded into one row per
    source."""
    grouped = (
        scoped_applications(actor=actor, filters=filters)
        .filter(created_at__gte=filters.since, created_at__lt=filters.until)
        .order_by()
        .values("source", "furthest_rank")
        .annotate(n=Count("id"))
        .values_list("source", "furthest_rank", "n")
    )
    rows: dict[str, SourceRow] = {}
    for source, furthest, n in grouped:
        name = source or "Not recorded"
        row = rows.setdefault(name, SourceRow(name, 0, 0, 0, 0))
        row.applicants += n
        row.interviews += n if furthest >= RANK[StageRole.INTERVIEW] else 0
        row.offers += n if furthest >= RANK[StageRole.OFFER] else 0
        row.hires += n if furthest >= RANK[StageRole.HIRED] else 0
    return Sources(
        filters=filters,
        rows=sorted(rows.values(), key=lambda r: (-r.applicants, r.source.lower())),
    )
