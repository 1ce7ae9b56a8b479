"""The audit history page: who changed what, from what, to what."""

import csv
import json

from django.conf import settings
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ghostless.core.errors import PermissionDenied
from ghostless.timeline.audit import audit_event
from ghostless.timeline.forms import AuditFilterForm
from ghostless.timeline.selectors import audit_entries

SHOWN = 100


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) or "—"
    return str(value)


def _filtered(request: HttpRequest):
    """The filter form and the entries it picks; a 404 for anyone but an admin."""
    form = AuditFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    try:
        entries = audit_entries(user=request.user, **filters)
    except PermissionDenied:
        raise Http404 from None
    if form.is_bound and not form.is_valid():
        entries = entries.none()  # the form says what it could not read
    return form, entries


def audit_page(request: HttpRequest):
    """For admins only; the page does not exist for anyone else."""
    form, entries = _filtered(request)
    rows = [
        {
            "entry": entry,
            "changes": [
                (field.replace("_", " ").capitalize(), _shown(old), _shown(new))
                for field, (old, new) in entry.changes.items()
            ],
        }
        for entry in entries[: SHOWN + 1]
    ]
    context = {
        "nav": "settings",
        "form": form,
        "rows": rows[:SHOWN],
        "more": len(rows) > SHOWN,
        "shown": SHOWN,
        "filtered": bool(request.GET),
        "query": request.GET.urlencode(),
        "retention_days": settings.AUDIT_RETENTION_DAYS,
    }
    return TemplateResponse(request, "timeline/audit.html", context)


class _Echo:
    def write(self, value):
        return value


@require_GET
def audit_export(request: HttpRequest):
    """The filtered entries as CSV, streamed (the log can be long); the export is audited."""
    _, entries = _filtered(request)
    audit_event(
        actor=request.user,
        subject="audit_log",
        subject_id=0,
        label="Audit log",
        event="exported",
        detail={"filters": [None, request.GET.urlencode() or "none"]},
    )
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(["at", "actor", "subject", "subject_id", "label", "event", "changes"])
        for entry in entries.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    entry.at.isoformat(),
                    entry.actor.username if entry.actor else "",
                    entry.subject,
                    entry.subject_id,
                    csv_safe(entry.label),
                    entry.event,
                    csv_safe(json.dumps(entry.changes, ensure_ascii=False, default=str)),
                ]
            )

    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ghostless-audit-{stamp}.csv"'
    return response


def csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
