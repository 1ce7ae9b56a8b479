"""The LinkedIn capture page (`/capture/`), opened by the bookmarklet with what it read from a
profile: find the person by LinkedIn address or name (no duplicate), or create them; put them
on a job or in a pool; log a LinkedIn message. The extension does the same through the API."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from ghostless.accounts.models import User
from ghostless.candidates import services as candidate_services
from ghostless.candidates.models import Candidate
from ghostless.candidates.normalize import linkedin_key
from ghostless.candidates.selectors import candidate_list
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.forms import FieldGroup
from ghostless.core.web import form_error, require_recruiter
from ghostless.core.widgets import LongSelect
from ghostless.followups.services import activity_log_with_callback
from ghostless.jobs import services as job_services
from ghostless.jobs.forms import JobFindField
from ghostless.jobs.models import JobStatus
from ghostless.jobs.selectors import jobs_visible_to
from ghostless.pools.models import TalentPool
from ghostless.pools.services import pool_add
from ghostless.search.quick_find import candidate_find
from ghostless.timeline.models import Direction, Kind

NEW = "new"
NAME_MATCHES = 5


def split_headline(headline: str) -> tuple[str, str]:
    """A LinkedIn headline's usual shape, "Platform engineer at Acme", as title and company."""
    for joiner in (" at ", " @ "):
        title, found, company = headline.partition(joiner)
        if found:
            return title.strip(), company.strip()
    return headline.strip(), ""


def matches_for(*, user: User, linkedin_url: str, name: str) -> tuple[Candidate | None, list]:
    """The candidate with this LinkedIn profile, else up to five with a name like this one."""
    if linkedin_key(linkedin_url):
        same = candidate_list(user=user, linkedin_url=linkedin_url).first()
        if same:
            return same, []
    found = list(candidate_find(user=user, q=name)[:NAME_MATCHES]) if name.strip() else []
    return None, found


def _described(candidate: Candidate) -> str:
    """A name with what tells two namesakes apart."""
    about = " · ".join(
        filter(None, [candidate.current_title, candidate.current_company, candidate.location])
    )
    return f"{candidate.name} ({about})" if about else candidate.name


class CaptureForm(forms.Form):
    bound_field_class = FieldGroup

    who = forms.ChoiceField(label="Who is this?", widget=forms.RadioSelect)
    first_name = forms.CharField(max_length=100, required=False)
    last_name = forms.CharField(max_length=100, required=False)
    current_title = forms.CharField(label="Title", max_length=200, required=False)
    current_company = forms.CharField(label="Company", max_length=200, required=False)
    location = forms.CharField(max_length=200, required=False)
    linkedin_url = forms.URLField(
        label="LinkedIn profile", max_length=300, required=False, assume_scheme="https"
    )
    job = JobFindField(live_only=True, required=False, label="Add to a job")
    pool = forms.ModelChoiceField(
        queryset=TalentPool.objects.order_by("name"),
        required=False,
        empty_label="No pool",
        label="Add to a talent pool",
        widget=LongSelect,
    )
    text = forms.CharField(
        label="LinkedIn message",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The text you selected on LinkedIn, or paste one. Left empty, nothing is logged.",
    )
    direction = forms.ChoiceField(
        label="The message was",
        choices=[(Direction.INBOUND, "From them"), (Direction.OUTBOUND, "From me")],
        initial=Direction.INBOUND,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user: User, known: Candidate | None, similar: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.known, self.similar = known, similar
        if known:
            # Their LinkedIn profile says who it is: whatever was posted (a second submit
            # of "someone new" included), it is them, so no duplicate is ever made.
            self.fields["who"] = forms.CharField(required=False, widget=forms.HiddenInput)
        else:
            choices = [(str(c.pk), _described(c)) for c in similar]
            self.fields["who"].choices = [*choices, (NEW, "Someone new: create them")]
            self.fields["who"].error_messages["required"] = (
                "Say who this is: one of the people listed, or someone new."
            )
        self.fields["job"].queryset = jobs_visible_to(user).filter(status=JobStatus.OPEN)
        self.fields["job"].widget.attrs["placeholder"] = "Type a job title"

    def clean(self):
        data = super().clean()
        if not self.known and data.get("who") == NEW and not data.get("first_name", "").strip():
            self.add_error("first_name", "A first name is required to create them.")
        return data


def _initial(params: QueryDict) -> dict:
    words = params.get("name", "").split()
    title, company = split_headline(params.get("headline", ""))
    return {
        "first_name": params.get("first_name") or (words[0] if words else ""),
        "last_name": params.get("last_name") or " ".join(words[1:]),
        "current_title": params.get("title") or title,
        "current_company": params.get("company") or company,
        "location": params.get("location", ""),
        "linkedin_url": params.get("linkedin_url", ""),
        "text": params.get("text", "")[:5000],
    }


@transaction.atomic
def capture_save(*, user: User, form: CaptureForm) -> tuple[Candidate, list[str]]:
    """Find or create the person, then what the form asks, all or nothing. Returns the
    candidate and what was done, in words."""
    data, done = form.cleaned_data, []
    if form.known or data["who"] != NEW:
        candidate = form.known or next(c for c in form.similar if str(c.pk) == data["who"])
        if data["linkedin_url"] and not candidate.linkedin_url:
            candidate_services.candidate_update(
                candidate=candidate, actor=user, linkedin_url=data["linkedin_url"]
            )
    else:
        fields = ("first_name", "last_name", "current_title", "current_company", "location")
        candidate = candidate_services.candidate_create(
            actor=user,
            linkedin_url=data["linkedin_url"] or "",
            source="LinkedIn",
            **{name: data[name] for name in fields},
        )
        done.append("created")
    if job := data.get("job"):
        try:
            job_services.application_create(
                candidate=candidate, job=job, actor=user, source="LinkedIn"
            )
            done.append(f"added to {job.title}")
        except Conflict:
            done.append(f"already on {job.title}")
    if pool := data.get("pool"):
        pool_add(pool=pool, candidate=candidate, actor=user)
        done.append(f"in the pool {pool.name}")
    if text := data["text"].strip():
        activity_log_with_callback(
            candidate=candidate,
            actor=user,
            kind=Kind.LINKEDIN,
            direction=data["direction"],
            body=text,
        )
        done.append("LinkedIn message logged")
    return candidate, done


def capture_page(request: HttpRequest) -> HttpResponse:
    """GET: the form filled from the bookmarklet's parameters, with who is already here.
    POST: save, then the profile."""
    require_recruiter(request, hide_page=True)
    params = request.POST if request.method == "POST" else request.GET
    initial = _initial(params)
    known, similar = matches_for(
        user=request.user,
        linkedin_url=initial["linkedin_url"],
        name=f"{initial['first_name']} {initial['last_name']}",
    )
    context = {"user": request.user, "known": known, "similar": similar}
    if request.method != "POST":
        # With namesakes about, the recruiter says who it is: nothing is picked for them.
        who = str(known.pk) if known else ("" if similar else NEW)
        form = CaptureForm(
            initial={**initial, "who": who}, user=request.user, known=known, similar=similar
        )
        return TemplateResponse(request, "front/capture.html", {**context, "form": form})
    form = CaptureForm(request.POST, user=request.user, known=known, similar=similar)
    if form.is_valid():
        try:
            candidate, done = capture_save(user=request.user, form=form)
        except DomainError as exc:
            form_error(form, exc, aliases={"stage_id": "job"})
        else:
            summary = ", ".join(done) if done else "nothing changed"
            messages.success(request, f"{candidate.name}: {summary}.")
            return redirect(candidate)
    return TemplateResponse(request, "front/capture.html", {**context, "form": form}, status=422)
