"""The audit history page: who changed what, from what, to what."""

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse

from ghostless.core.errors import PermissionDenied
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


def audit_page(request: HttpRequest):
    """For admins only; the page does not exist for anyone else."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    actor = filters.get("actor")
    try:
        entries = audit_entries(
            user=request.user,
            subject=filters.get("subject", ""),
            subject_id=filters.get("subject_id"),
            actor_id=actor.pk if actor else None,
        )
    except PermissionDenied:
        raise Http404 from None
    if form.is_bound and not form.is_valid():
        entries = entries.none()  # the form says what it could not read
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
    }
    return TemplateResponse(request, "timeline/audit.html", context)
