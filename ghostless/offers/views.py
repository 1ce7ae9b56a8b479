"""Offer pages: the offer with its chain and the actions allowed now, the draft form, and a
job's (or pipeline template's) offer settings. Thin: the services decide."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.web import form_error, refused, render, require_admin, require_recruiter
from ghostless.jobs.models import PipelineTemplate
from ghostless.jobs.selectors import access_application, access_job
from ghostless.offers import services
from ghostless.offers.forms import APPROVER_SLOTS, OfferForm, PolicyForm
from ghostless.offers.letters import default_offer_template, letter_html, terms_text
from ghostless.offers.models import OfferPolicy, OfferState
from ghostless.offers.selectors import access_offer, chain, offers_visible_to, sees_salary

TERM_FIELDS = ("title", "salary", "currency", "pay_period", "start_date", "expires_on")


def _detail_url(offer) -> str:
    return reverse("offers:detail", args=[offer.pk])


@require_GET
def offer_page(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access_offer(request.user, pk)
    user = request.user
    turn = services.current_approval(offer)
    approvals = chain(offer)
    salary_shown = sees_salary(user, offer)
    needed = services.approvers_needed(offer) if offer.state == OfferState.DRAFT else []
    context = {
        "nav": "jobs",
        "offer": offer,
        "application": offer.application,
        "candidate": offer.application.candidate,
        "job": offer.application.job,
        "approvals": approvals,
        "turn": turn,
        "my_turn": turn is not None and turn.approver_id == user.pk,
        "salary_shown": salary_shown,
        "terms": terms_text(
            salary=offer.salary, currency=offer.currency, pay_period=offer.pay_period
        ),
        "can_manage": user.sees_everything,
        "needed": needed,
        "letter": letter_html(offer.letter) if salary_shown else "",
    }
    return render(request, "offers/detail.html", context)


@require_GET
def for_application(request: HttpRequest, application_id: int) -> HttpResponse:
    """From a follow-up or a notification that knows the application: its latest offer the
    user may see (an approver may see the offer without seeing the application)."""
    offer = (
        offers_visible_to(request.user)
        .filter(application_id=application_id)
        .order_by("-created_at", "-id")
        .only("pk")
        .first()
    )
    if offer is None:
        raise Http404("No offer on this application.")
    return redirect("offers:detail", pk=offer.pk)


def _form_page(request, *, form, application, offer=None, status=200):
    context = {
        "nav": "jobs",
        "form": form,
        "application": application,
        "candidate": application.candidate,
        "job": application.job,
        "offer": offer,
    }
    return render(request, "offers/form.html", context, status=status)


def offer_new(request: HttpRequest, application_id: int) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    application = access_application(request.user, application_id)
    if request.method != "POST":
        policy = OfferPolicy.objects.filter(job_id=application.job_id).only("currency").first()
        initial = {
            "title": application.job.title,
            "template": default_offer_template(),
            "currency": policy.currency if policy else "",
            "pay_period": "year",
        }
        return _form_page(request, form=OfferForm(initial=initial), application=application)
    form = OfferForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            offer = services.offer_create(
                application=application,
                actor=request.user,
                template=data["template"],
                **{name: data[name] for name in TERM_FIELDS},
            )
        except DomainError as error:
            form_error(form, error, {"template_id": "template"})
        else:
            messages.success(request, "Offer drafted. Read the letter, then submit it.")
            return redirect(_detail_url(offer))
    return _form_page(request, form=form, application=application, status=422)


def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    offer = access_offer(request.user, pk)
    if request.method != "POST":
        initial = {name: getattr(offer, name) for name in TERM_FIELDS}
        form = OfferForm(initial=initial | {"template": offer.template})
        return _form_page(request, form=form, application=offer.application, offer=offer)
    form = OfferForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.offer_update(
                offer=offer,
                actor=request.user,
                template=data["template"],
                **{name: data[name] for name in TERM_FIELDS},
            )
        except DomainError as error:
            form_error(form, error, {"template_id": "template"})
        else:
            messages.success(request, "Draft saved.")
            return redirect(_detail_url(offer))
    return _form_page(request, form=form, application=offer.application, offer=offer, status=422)


def _act(request: HttpRequest, offer, action, done: str, **kwargs) -> HttpResponse:
    try:
        action(offer=offer, actor=request.user, **kwargs)
    except DomainError as error:
        messages.error(request, refused(error))
    else:
        messages.success(request, done)
    return redirect(_detail_url(offer))


@require_POST
def offer_submit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access_offer(request.user, pk)
    return _act(request, offer, services.offer_submit, "Offer submitted.")


@require_POST
def offer_approve(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access_offer(request.user, pk)
    comment = request.POST.get("comment", "")
    return _act(request, offer, services.offer_approve, "You approved the offer.", comment=comment)


@require_POST
def offer_reject(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access_offer(request.user, pk)
    comment = request.POST.get("comment", "")
    done = "Sent back to draft with your comment."
    return _act(request, offer, services.offer_reject, done, comment=comment)


@require_POST
def offer_send(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request)
    offer = access_offer(request.user, pk)
    candidate = offer.application.candidate
    if not confirmed(request):
        to = candidate.emails.values_list("email", flat=True).first() or "(no address)"
        confirmation = Confirmation(
            title=f"Send the offer to {candidate.name}?",
            button=f"Send the offer to {candidate.name}",
            cancel_url=_detail_url(offer),
            what=[
                f"{candidate.first_name or candidate.name} gets this letter at {to}, with a link "
                "to their status page, where they accept or decline it.",
                f"It stays open until {offer.expires_on:%A %-d %B %Y}; the day before, its "
                "owner gets a follow-up if there is no answer.",
            ],
            preview={
                "name": candidate.name,
                "to": to,
                "rendered": {"subject": offer.letter_subject, "text": offer.letter},
            },
            nav="jobs",
        )
        return confirmation_page(request, confirmation)
    return _act(request, offer, services.offer_send, f"Offer sent to {candidate.name}.")


@require_POST
def offer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request)
    offer = access_offer(request.user, pk)
    note = request.POST.get("note", "")
    if not confirmed(request):
        told = offer.state == OfferState.SENT
        confirmation = Confirmation(
            title=f"Withdraw the offer “{offer.title}”?",
            button="Withdraw the offer",
            cancel_url=_detail_url(offer),
            what=[
                "It can no longer be approved, sent or accepted; a new offer can be drafted.",
                "The candidate has it already: tell them yourself, this sends no email."
                if told
                else "The candidate has not seen it.",
            ],
            danger=True,
            nav="jobs",
        )
        return confirmation_page(request, confirmation)
    return _act(request, offer, services.offer_withdraw, "Offer withdrawn.", note=note)


# Offer settings of a job, or of a pipeline template (what its new jobs copy).


def _policy_page(request, *, owner, policy, form=None, status=200):
    if form is None:
        approvers = list(policy.approvers.select_related("user")) if policy else []
        initial = {f"approver_{i}": a.user.username for i, a in enumerate(approvers)}
        if policy:
            initial |= {
                "salary_min": policy.salary_min,
                "salary_max": policy.salary_max,
                "currency": policy.currency,
                "approval_only_outside_range": policy.approval_only_outside_range,
            }
        form = PolicyForm(initial=initial)
    context = {
        "nav": "jobs" if not isinstance(owner, PipelineTemplate) else "settings",
        "owner": owner,
        "is_template": isinstance(owner, PipelineTemplate),
        "form": form,
        "slots": APPROVER_SLOTS,
    }
    return render(request, "offers/policy.html", context, status=status)


def _policy_post(request, owner, policy):
    form = PolicyForm(request.POST)
    ids = form.approver_ids() if form.is_valid() else None
    if ids is not None:
        data = form.cleaned_data
        try:
            services.policy_save(
                owner=owner,
                actor=request.user,
                approver_ids=ids,
                salary_min=data["salary_min"],
                salary_max=data["salary_max"],
                currency=data["currency"],
                approval_only_outside_range=data["approval_only_outside_range"],
            )
        except DomainError as error:
            form_error(form, error, {"approvers": "approver_0"})
        else:
            messages.success(request, "Offer settings saved.")
            return redirect(request.path)
    return _policy_page(request, owner=owner, policy=policy, form=form, status=422)


def job_policy(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    job = access_job(request.user, pk)
    policy = OfferPolicy.objects.filter(job=job).first()
    if request.method == "POST":
        return _policy_post(request, job, policy)
    return _policy_page(request, owner=job, policy=policy)


def template_policy(request: HttpRequest, pk: int) -> HttpResponse:
    require_admin(request)
    template = get_object_or_404(PipelineTemplate, pk=pk)
    policy = OfferPolicy.objects.filter(template=template).first()
    if request.method == "POST":
        return _policy_post(request, template, policy)
    return _policy_page(request, owner=template, policy=policy)
