"""Texts pages: compose with the segment count and quiet hours shown before sending, SMS
templates, and the triage of texts from unknown numbers.

Views parse input, call the services and render; a Preview button posts the same form with
action=preview (htmx swaps only the preview in; without JS the whole page comes back)."""

from datetime import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_POST

from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import access_candidate, candidates_visible_to
from ghostless.core.errors import DomainError
from ghostless.core.web import form_error, require_recruiter
from ghostless.search.quick_find import candidate_find
from ghostless.texts import inbound, quiet, segments, services
from ghostless.texts.forms import ComposeTextForm, TemplateForm, new_idempotency_key
from ghostless.texts.models import SmsTemplate
from ghostless.texts.selectors import access_triage_text, triage_texts

TRIAGE_PAGE_SIZE = 50
CANDIDATE_MATCHES = 8


def _theirs(candidate: Candidate, moment: datetime) -> str:
    return dateformat.format(moment.astimezone(quiet.candidate_zone(candidate)), "D j M, H:i T")


def quiet_notice(candidate: Candidate) -> dict:
    """What the form says before sending: the candidate's time now, the quiet hours, and when
    a text sent now would go if they hold it."""
    now = timezone.now()
    zone = quiet.candidate_zone(candidate)
    held = quiet.release_at(candidate, now)
    return {
        "zone": str(zone),
        "zone_known": bool(candidate.time_zone),
        "their_now": _theirs(candidate, now),
        "hours": quiet.describe(),
        "held_until": _theirs(candidate, held) if held else "",
    }


def _form(request: HttpRequest, candidate: Candidate) -> ComposeTextForm:
    kwargs = {"user": request.user, "candidate": candidate}
    if request.method != "POST":
        initial = {"idempotency_key": new_idempotency_key(), "when": "now"}
        initial["application"] = request.GET.get("application") or None
        if template := SmsTemplate.objects.filter(pk=_int(request.GET.get("template"))).first():
            initial.update(template=template.pk, body=template.body)
        return ComposeTextForm(initial=initial, **kwargs)
    if request.POST.get("action") == "use_template":
        initial = {name: request.POST.get(name, "") for name in ComposeTextForm.base_fields}
        if template := SmsTemplate.objects.filter(pk=_int(initial["template"])).first():
            initial["body"] = template.body
        return ComposeTextForm(initial=initial, **kwargs)
    return ComposeTextForm(request.POST, **kwargs)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _preview(request: HttpRequest, candidate: Candidate, form: ComposeTextForm) -> dict:
    if not form.is_valid():
        return {"error": "Fix the form to preview the text."}
    data = form.cleaned_data
    source = data["body"] or (data["template"].body if data["template"] else "")
    if not source:
        return {"error": "Write the text, or choose a template, to preview it."}
    try:
        text = services.text_render(
            candidate=candidate, body=source, application=data["application"], actor=request.user
        )
    except DomainError as error:
        return {"error": error.message}
    encoding, units, parts = segments.count(text)
    return {"text": text, "encoding": encoding, "units": units, "segments": parts}


def compose(request: HttpRequest, candidate_pk: int) -> HttpResponse:
    """GET: a blank form (or a template's text); POST: preview, refill from a template, or
    queue the text (now, later, or when quiet hours end)."""
    candidate = access_candidate(request.user, candidate_pk)
    require_recruiter(request)
    form = _form(request, candidate)
    action = request.POST.get("action", "send") if request.method == "POST" else ""
    context = {
        "nav": "candidates",
        "candidate": candidate,
        "form": form,
        "quiet": quiet_notice(candidate),
        "section": services_section(candidate),
        "templates": {str(t.pk): t.body for t in SmsTemplate.objects.all()},
    }
    status = 200
    if action == "preview":
        context["preview"] = _preview(request, candidate, form)
        if request.htmx:
            return TemplateResponse(request, "texts/compose.html#preview", context)
    elif action == "send":
        if form.is_valid() and (sent := _send(request, candidate, form)):
            return sent
        status = 422
    return TemplateResponse(request, "texts/compose.html", context, status=status)


def services_section(candidate: Candidate) -> dict:
    from ghostless.texts.selectors import candidate_text_section

    return candidate_text_section(candidate=candidate)


def _send(request: HttpRequest, candidate: Candidate, form: ComposeTextForm):
    data = form.cleaned_data
    try:
        text = services.text_queue(
            candidate=candidate,
            actor=request.user,
            template=data["template"] if not data["body"] else None,
            body=data["body"],
            application=data["application"],
            to_phone=data["to_phone"],
            send_at=data["send_at"],
            idempotency_key=data["idempotency_key"],
        )
    except DomainError as error:
        form_error(
            form, error, aliases={"application_id": "application", "template_id": "template"}
        )
        return None
    if text.held_until:
        messages.success(
            request,
            f"Quiet hours for {candidate.first_name}: the text goes at "
            f"{_theirs(candidate, text.held_until)} their time.",
        )
    elif text.send_at:
        messages.success(request, f"Text scheduled for {_theirs(candidate, text.send_at)}.")
    else:
        messages.success(request, "Text queued.")
    return redirect(candidate)


# SMS templates.


def template_list(request: HttpRequest) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    context = {"nav": "email", "templates": SmsTemplate.objects.all()}
    return TemplateResponse(request, "texts/templates.html", context)


def template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    template = get_object_or_404(SmsTemplate, pk=pk) if pk else None
    initial = (
        {"name": template.name, "purpose": template.purpose, "body": template.body}
        if (template)
        else {"purpose": "other"}
    )
    form = TemplateForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            saved = services.template_save(
                actor=request.user, template=template, **form.cleaned_data
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, f"SMS template “{saved.name}” is saved.")
            return redirect("texts:templates")
    context = {"nav": "email", "form": form, "template": template}
    status = 422 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "texts/template_form.html", context, status=status)


# Triage of texts from unknown numbers.


def triage(request: HttpRequest) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    rows = list(triage_texts(request.user)[:TRIAGE_PAGE_SIZE])
    q = request.GET.get("q", "").strip()
    looking_for = _int(request.GET.get("text"))
    for row in rows:
        row.matches = None
        if q and row.pk == looking_for:
            row.matches = list(candidate_find(user=request.user, q=q)[:CANDIDATE_MATCHES])
    context = {"nav": "inbox", "rows": rows, "q": q}
    return TemplateResponse(request, "texts/triage.html", context)


@require_POST
def triage_attach(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_triage_text(request.user, pk)
    require_recruiter(request)
    candidate = candidates_visible_to(request.user).filter(pk=_int(request.POST.get("candidate")))
    candidate = candidate.first()
    if candidate is None:
        messages.error(request, "Choose the candidate who sent it (their id is in their address).")
        return redirect("texts:triage")
    inbound.triage_attach(inbound=row, candidate=candidate, actor=request.user)
    messages.success(request, f"The text from {row.from_phone} is on {candidate.name}'s timeline.")
    return redirect("texts:triage")


@require_POST
def triage_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_triage_text(request.user, pk)
    require_recruiter(request)
    inbound.triage_dismiss(inbound=row, actor=request.user)
    messages.success(request, f"Dismissed the text from {row.from_phone}.")
    return redirect("texts:triage")
