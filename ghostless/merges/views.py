"""Pages for one record per person: dismiss a suggested duplicate, compare two records and merge
them, and the history of merges."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ghostless.candidates.duplicates import (
    duplicate_dismiss,
    duplicate_reasons,
    duplicate_suggestions,
)
from ghostless.candidates.models import Candidate, CandidateMerge
from ghostless.candidates.normalize import display_phone
from ghostless.candidates.selectors import access_candidate
from ghostless.candidates.views import check_can_edit
from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.web import refused
from ghostless.merges.services import candidate_merge, describe_moved, holdings

# What the compare page and the merge history show of a record, in order.
PROFILE_ROWS = [
    ("Title", "current_title"),
    ("Company", "current_company"),
    ("Location", "location"),
    ("LinkedIn", "linkedin_url"),
    ("GitHub", "github_url"),
    ("Website", "website_url"),
    ("Skills", "skills"),
    ("Source", "source"),
]
HOLDING_LABELS = {
    "applications": "Applications",
    "activities": "Timeline entries",
    "messages": "Messages",
    "inbound_emails": "Received emails",
    "followups": "Follow-ups",
    "resumes": "Resumes",
    "pool_memberships": "Talent pools",
}
# Shown as values in the rows above, so not counted again.
CONTACT_KEYS = {"emails", "phones", "tags"}


@require_POST
def duplicate_dismiss_page(request: HttpRequest, pk: int, other_pk: int) -> HttpResponse:
    """ "Not a duplicate": with htmx the card comes back without the pair; else a redirect."""
    candidate = access_candidate(request.user, pk)
    other = access_candidate(request.user, other_pk)
    check_can_edit(request.user)
    try:
        duplicate_dismiss(candidate=candidate, other=other, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(candidate)
    done = f"{other.name} will no longer be suggested as a duplicate of {candidate.name}."
    if not request.htmx:
        messages.success(request, done)
        return redirect(f"{candidate.get_absolute_url()}?duplicates=1#duplicates")
    context = {
        "candidate": candidate,
        "duplicates": duplicate_suggestions(user=request.user, candidate=candidate),
        "merge_count": candidate.merges.count(),
        "dismissed": done,
    }
    return TemplateResponse(request, "candidates/detail.html#duplicates", context)


def _contacts(candidate: Candidate) -> dict[str, str]:
    return {
        "Emails": ", ".join(e.email for e in candidate.emails.all()),
        "Phones": ", ".join(display_phone(p.phone) for p in candidate.phones.all()),
        "Tags": ", ".join(t.name for t in candidate.tags.all()),
    }


def _compare_rows(left: Candidate, right: Candidate) -> list[tuple[str, str, str]]:
    rows = [("Name", left.name, right.name)]
    left_contacts, right_contacts = _contacts(left), _contacts(right)
    rows += [(label, left_contacts[label], right_contacts[label]) for label in left_contacts]
    rows += [(label, getattr(left, f), getattr(right, f)) for label, f in PROFILE_ROWS]
    rows.append(
        ("Owner", left.owner.name if left.owner else "", right.owner.name if right.owner else "")
    )
    rows.append(
        (
            "Custom fields",
            "; ".join(f"{k}: {v}" for k, v in left.custom_fields.items()),
            "; ".join(f"{k}: {v}" for k, v in right.custom_fields.items()),
        )
    )
    return rows


def _holding_rows(left: Candidate, right: Candidate, counts: dict) -> list[tuple[str, int, int]]:
    keys = list(HOLDING_LABELS) + sorted(
        (set(counts[left.pk]) | set(counts[right.pk])) - set(HOLDING_LABELS) - CONTACT_KEYS
    )
    return [
        (
            HOLDING_LABELS.get(k, k.replace("_", " ").capitalize()),
            counts[left.pk].get(k, 0),
            counts[right.pk].get(k, 0),
        )
        for k in keys
    ]


def _ask_merge(survivor: Candidate, other: Candidate, counts: dict) -> Confirmation:
    moved = sum(n for key, n in counts[other.pk].items() if key not in CONTACT_KEYS)
    return Confirmation(
        title=f"Merge {other.name} (#{other.pk}) into {survivor.name} (#{survivor.pk})?",
        button=f"Merge {other.name} into {survivor.name}",
        cancel_url=reverse("candidates:merge", args=[survivor.pk, other.pk]),
        what=[
            f"Everything {other.name} (#{other.pk}) holds moves to {survivor.name} "
            f"(#{survivor.pk}): {moved} item(s) of history, plus emails, phones and tags.",
            f"Then record #{other.pk} is deleted. This cannot be undone; the merge history "
            "keeps a snapshot of it.",
        ],
        danger=True,
        nav="candidates",
    )


@require_http_methods(["GET", "POST"])
def merge_compare(request: HttpRequest, pk: int, other_pk: int) -> HttpResponse:
    """Two records side by side; the one chosen survives, the other is folded into it."""
    left = access_candidate(request.user, pk)
    right = access_candidate(request.user, other_pk)
    check_can_edit(request.user)
    if left.pk == right.pk:
        messages.error(request, "A candidate cannot be merged with itself.")
        return redirect(left)
    counts = holdings([left, right])
    error = ""
    if request.method == "POST":
        chosen = request.POST.get("survivor", "")
        if chosen in (str(left.pk), str(right.pk)):
            survivor, other = (left, right) if chosen == str(left.pk) else (right, left)
            if not confirmed(request):
                return confirmation_page(request, _ask_merge(survivor, other, counts))
            try:
                merge = candidate_merge(survivor=survivor, other=other, actor=request.user)
            except DomainError as exc:
                error = refused(exc)
            else:
                moved = describe_moved(merge.moved)
                messages.success(
                    request, f"{merge.merged_name} is merged into this record. {moved}"
                )
                return redirect(survivor)
        else:
            error = "Choose the record to keep."
    # The record with more history survives by default; the older one on a tie.
    history = {
        c.pk: sum(n for key, n in counts[c.pk].items() if key not in CONTACT_KEYS)
        for c in (left, right)
    }
    default = max((left, right), key=lambda c: (history[c.pk], -c.created_at.timestamp(), -c.pk))
    context = {
        "nav": "candidates",
        "left": left,
        "right": right,
        "reasons": duplicate_reasons(left, right)[0],
        "rows": _compare_rows(left, right),
        "holdings": _holding_rows(left, right, counts),
        "default_survivor": default.pk,
        "error": error,
    }
    return TemplateResponse(request, "merges/compare.html", context, status=422 if error else 200)


def _snapshot_rows(snapshot: dict) -> list[tuple[str, str]]:
    fields = snapshot.get("fields", {})
    rows = [
        ("Emails", ", ".join(snapshot.get("emails", []))),
        ("Phones", ", ".join(snapshot.get("phones", []))),
        ("Tags", ", ".join(snapshot.get("tags", []))),
    ]
    rows += [(label, fields.get(name, "")) for label, name in PROFILE_ROWS]
    rows.append(("Owner", snapshot.get("owner") or ""))
    custom = fields.get("custom_fields") or {}
    rows.append(("Custom fields", "; ".join(f"{k}: {v}" for k, v in custom.items())))
    for app in snapshot.get("applications_combined", []):
        whose = "this record's" if app.get("dropped_from") == "survivor" else "the merged record's"
        rows.append(
            (
                f"Combined on {app['job']}",
                f"{whose} application at {app['stage']} ({app['status']}) was folded into "
                "the one kept",
            )
        )
    return [(label, value) for label, value in rows if value]


def merge_list(request: HttpRequest) -> HttpResponse:
    """Every merge, newest first, with who, when, what moved and the merged record as it was;
    `?candidate=` narrows it to the merges into one record."""
    check_can_edit(request.user)
    merges = CandidateMerge.objects.select_related("actor", "survivor")
    candidate = None
    if (wanted := request.GET.get("candidate", "")).isdigit():
        candidate = access_candidate(request.user, wanted)
        merges = merges.filter(survivor=candidate)
    page = Paginator(merges, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    for merge in page.object_list:
        merge.moved_text = describe_moved(merge.moved)
        merge.snapshot_rows = _snapshot_rows(merge.snapshot)
    context = {"nav": "candidates", "page": page, "candidate": candidate}
    return TemplateResponse(request, "merges/list.html", context)
