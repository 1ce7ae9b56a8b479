"""The public application form. Spam checks live here because they judge the request, not
the applicant: a honeypot field and a signed "form shown at" time."""

import time

from django import forms
from django.core import signing

from ghostless.candidates.normalize import normalize_email, normalize_phone
from ghostless.careers.models import QuestionKind
from ghostless.core.errors import DomainError
from ghostless.resumes.validation import check_resume

SALT = "careers.apply"
# People need more than this to fill in the form; scripts do not.
MIN_SECONDS = 3
# A form left open longer than this is refused with a plain "reload" request.
MAX_AGE_SECONDS = 2 * 24 * 3600
HONEYPOT = "homepage"


def started_token(job_pk: int) -> str:
    return signing.dumps({"job": job_pk, "t": time.time()}, salt=SALT)


class ApplyForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=40, required=False)
    link = forms.URLField(
        max_length=300,
        required=False,
        label="LinkedIn profile or website",
        assume_scheme="https",
    )
    resume = forms.FileField(
        help_text="PDF, Word (.docx) or plain text, up to 10 MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.txt,application/pdf,text/plain"}
        ),
    )
    cover_note = forms.CharField(
        required=False,
        max_length=5000,
        label="Cover note (optional)",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    privacy = forms.BooleanField(
        label="I have read the privacy notice and agree that my application data is processed "
        "to consider me for this job.",
        error_messages={"required": "Please confirm that you have read the privacy notice."},
    )
    talent_network = forms.BooleanField(
        required=False,
        label="Keep me in your talent network and contact me about future openings (optional).",
    )
    # Hidden from people by CSS and aria-hidden; bots that fill every field give themselves away.
    homepage = forms.CharField(required=False, label="Leave this field empty")
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, job, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.job = job
        self.questions = list(job.questions.all())
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = _question_field(question)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", type="tel")
        self.fields["link"].widget.attrs["autocomplete"] = "url"
        self.fields[HONEYPOT].widget.attrs.update(autocomplete="off", tabindex="-1")
        if not self.is_bound:
            self.initial["started"] = started_token(job.pk)

    def visible_fields_in_order(self):
        return [f for f in self.visible_fields() if f.name != HONEYPOT]

    def question_fields(self):
        return [self[f"q_{q.pk}"] for q in self.questions]

    def clean_email(self):
        return _domain(normalize_email, self.cleaned_data["email"])

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return _domain(normalize_phone, value) if value else ""

    def clean_resume(self):
        upload = self.cleaned_data["resume"]
        _domain(check_resume, upload)
        return upload

    def clean(self):
        if self.data.get(HONEYPOT):
            raise forms.ValidationError("We could not accept this application.", code="spam")
        try:
            started = signing.loads(
                self.data.get("started", ""), salt=SALT, max_age=MAX_AGE_SECONDS
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "This form was open for too long. Reload the page and send it again.",
                code="expired",
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "This form could not be read. Reload the page and send it again.", code="spam"
            ) from None
        if started.get("job") != self.job.pk:
            raise forms.ValidationError("This form belongs to another job.", code="spam")
        if time.time() - started["t"] < MIN_SECONDS:
            raise forms.ValidationError(
                "That was faster than a person can fill in this form. "
                "Please check your answers and send it again.",
                code="too_fast",
            )
        return self.cleaned_data

    def answers(self) -> dict[int, str]:
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            answers[question.pk] = "" if value is None else str(value).strip()
        return answers


def _domain(check, value):
    try:
        return check(value)
    except DomainError as error:
        raise forms.ValidationError(error.message) from None


def _question_field(question) -> forms.Field:
    common = {"label": question.label, "required": question.required}
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("Yes", "Yes"), ("No", "No")], widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.CHOICE:
        # An empty first option, so nobody answers by not touching the list.
        choices = [("", "— choose —"), *((c, c) for c in question.choices)]
        return forms.ChoiceField(choices=choices, **common)
    return forms.CharField(max_length=500, **common)
