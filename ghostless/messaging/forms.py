"""Forms parse and shape input for the email views; the services decide what is allowed."""

import secrets

from django import forms
from django.urls import reverse
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidate_applications, candidates_visible_to
from ghostless.core.errors import DomainError
from ghostless.core.when import check_future_datetime
from ghostless.jobs.selectors import jobs_visible_to
from ghostless.messaging.models import EmailTemplate, InboundEmail, InboundState, Purpose

# Preview choices are a short list; the newest candidates are the likeliest to be wanted.
PREVIEW_CANDIDATES = 100


def one_style_of_newlines(text: str) -> str:
    """Browsers send textareas with CRLF; templates are stored with LF."""
    return text.replace("\r\n", "\n")


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(16)


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=120)
    purpose = forms.ChoiceField(choices=Purpose.choices, initial=Purpose.OTHER)
    subject = forms.CharField(max_length=300)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, template: EmailTemplate | None = None, **kwargs):
        if template is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": template.name,
                    "purpose": template.purpose,
                    "subject": template.subject,
                    "body": template.body,
                },
            )
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_body(self) -> str:
        return one_style_of_newlines(self.cleaned_data["body"])


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class PreviewWithForm(forms.Form):
    """Which real candidate and job a template preview is merged for."""

    preview_candidate = NamedChoiceField(queryset=Candidate.objects.none(), label="Candidate")
    preview_job = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="No job", label="Job"
    )

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        newest = candidates_visible_to(user).order_by("-created_at", "-id")[:PREVIEW_CANDIDATES]
        chosen = self.data.get("preview_candidate") if self.is_bound else None
        candidates = candidates_visible_to(user).filter(pk__in=newest.values("pk"))
        if chosen and str(chosen).isdigit():
            candidates = candidates | candidates_visible_to(user).filter(pk=chosen)
        self.fields["preview_candidate"].queryset = candidates.order_by("first_name", "last_name")
        self.fields["preview_job"].queryset = jobs_visible_to(user).order_by("title", "id")
        self.fields["preview_job"].label_from_instance = lambda job: job.title


class ScheduledSendForm(forms.Form):
    """Now or at a set time, with the key that makes a double submit send once: the part of
    composing an email and a text that is the same."""

    when = forms.ChoiceField(
        label="Send",
        choices=[("now", "Now"), ("later", "At a set time")],
        initial="now",
        widget=forms.RadioSelect,
    )
    send_at = forms.DateTimeField(
        label="Send at",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at is None:
            return None
        # The field reads the input in the user's zone (the middleware activates it).
        try:
            return check_future_datetime(send_at, field="send_at")
        except DomainError as error:
            raise forms.ValidationError(error.message) from None

    def clean(self):
        data = super().clean()
        if data.get("when") == "later":
            send_at = data.get("send_at")
            if send_at is None and "send_at" not in self.errors:
                self.add_error("send_at", "Pick the day and time to send it.")
            elif send_at is not None and send_at <= timezone.now():
                self.add_error("send_at", "Pick a time in the future, or send it now.")
        else:
            data["send_at"] = None
        return data


class ComposeForm(ScheduledSendForm):
    """Write one email to one candidate: from a template or blank, now or later."""

    field_order = ["template", "to_email", "application", "subject", "body"]

    template = forms.ModelChoiceField(
        queryset=EmailTemplate.objects.all(),
        required=False,
        empty_label="Blank email",
        help_text="Choosing a template fills in the subject and body; you can still edit them.",
    )
    to_email = forms.ChoiceField(label="To")
    application = forms.ModelChoiceField(
        label="About the job", queryset=None, required=False, empty_label="No particular job"
    )
    subject = forms.CharField(max_length=300, required=False)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text="Merge fields such as {{ candidate.first_name }} are filled in for you.",
    )
    # The candidate's email this answers, if any (the timeline's and the queue's Reply).
    in_reply_to = forms.ModelChoiceField(
        queryset=InboundEmail.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "That email is not one this candidate sent: write a new one instead."
        },
    )

    def __init__(self, *args, user: User, candidate: Candidate, suppressed=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["in_reply_to"].queryset = candidate.inbound_emails.filter(
            state=InboundState.MATCHED
        )
        self.fields["to_email"].choices = [
            (e.email, f"{e.email} (suppressed)" if e.email in suppressed else e.email)
            for e in candidate.emails.all()
        ]
        applications = candidate_applications(user=user, candidate=candidate)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda app: app.job.title
        # Choosing a template swaps in its subject and body at once (the page has a button
        # for the same without JS).
        self.fields["template"].widget.attrs.update(
            {
                "hx-post": reverse("messaging:compose", args=[candidate.pk]),
                "hx-trigger": "change",
                "hx-vals": '{"action": "use_template"}',
                "hx-target": "#compose-text",
                "hx-swap": "outerHTML",
            }
        )
        zone = timezone.get_current_timezone_name()
        self.fields["send_at"].help_text = f"In your time zone, {zone}."

    def clean_body(self) -> str:
        return one_style_of_newlines(self.cleaned_data["body"])

    def message_source(self) -> dict:
        """Subject and body for the service. The template is passed only while its text is
        unchanged, since the service renders a template's own text and would drop edits."""
        data = self.cleaned_data
        template: EmailTemplate | None = data.get("template")
        unchanged = (template.subject.strip(), template.body.strip()) if template else None
        if template and (data["subject"], data["body"]) in (("", ""), unchanged):
            return {"template": template}
        return {"subject": data["subject"], "body": data["body"]}
