"""The candidate updates their own details on the status page: phone, links and a newer resume
at once; a new email address only once they follow a signed link sent to it.

The staff side's services do the writing (`candidate_update` normalizes, `resume_add` checks
the upload as the careers form does and has its text read and indexed), with the system as
the actor; this module adds what a visitor needs: everything checked before anything is
written, a timeline entry saying the candidate did it, and the usual rule for details that
are on someone else's record: never moved, never merged silently, never revealed to the
visitor; the owner is asked to compare the two records and merge them if they are one person.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.crypto import salted_hmac

from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.candidates.normalize import (
    display_phone,
    linkedin_key,
    normalize_email,
    normalize_phone,
)
from ghostless.candidates.selectors import candidate_or_survivor
from ghostless.candidates.services import candidate_update
from ghostless.core.errors import DomainError
from ghostless.messaging.services import message_queue
from ghostless.notifications.models import Kind as NotificationKind
from ghostless.notifications.models import Notification
from ghostless.notifications.services import notify_candidate_action
from ghostless.resumes.models import Resume
from ghostless.resumes.services import resume_add
from ghostless.resumes.validation import check_resume
from ghostless.status import events
from ghostless.status.services import hourly_allow

EMAIL_SALT = "status.email-change"
EMAIL_CONFIRM_DAYS = 3
EMAIL_ASKS_PER_HOUR = 3
LINKS = {"linkedin_url": "LinkedIn", "github_url": "GitHub", "website_url": "website"}
# The host a link field must point at, for the two that name a site.
LINK_HOSTS = {"linkedin_url": "linkedin.com", "github_url": "github.com"}
_web_url = URLValidator(schemes=["http", "https"])


@dataclass
class Details:
    """What the form starts from: the candidate's own first email and phone, links, resume."""

    email: str
    phone: str
    linkedin_url: str
    github_url: str
    website_url: str
    resume_name: str
    resume_uploaded_at: datetime | None


@dataclass
class Outcome:
    changed: list[str] = field(default_factory=list)  # "phone", "LinkedIn", "resume"
    confirm_sent_to: str = ""  # the new address a confirmation link went to
    current_email: str = ""


def details_of(candidate: Candidate) -> Details:
    """One query, however many emails, phones and resumes the candidate has."""
    first_email = CandidateEmail.objects.filter(candidate=OuterRef("pk")).order_by("order", "id")
    first_phone = CandidatePhone.objects.filter(candidate=OuterRef("pk")).order_by("order", "id")
    current = Resume.objects.filter(candidate=OuterRef("pk"), is_current=True).order_by("-id")
    row = (
        Candidate.objects.filter(pk=candidate.pk)
        .annotate(
            first_email=Subquery(first_email.values("email")[:1]),
            first_phone=Subquery(first_phone.values("phone")[:1]),
            resume_name=Subquery(current.values("original_filename")[:1]),
            resume_at=Subquery(current.values("uploaded_at")[:1]),
        )
        .values(
            "first_email",
            "first_phone",
            "linkedin_url",
            "github_url",
            "website_url",
            "resume_name",
            "resume_at",
        )
        .get()
    )
    return Details(
        email=row["first_email"] or "",
        phone=display_phone(row["first_phone"]) if row["first_phone"] else "",
        linkedin_url=row["linkedin_url"],
        github_url=row["github_url"],
        website_url=row["website_url"],
        resume_name=row["resume_name"] or "",
        resume_uploaded_at=row["resume_at"],
    )


def _clean_link(name: str, raw: str) -> str:
    """An http(s) address ("github.com/jane" gets https://), or "" to clear the field."""
    value = raw.strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"
    label = LINKS[name]
    try:
        if len(value) > 300:
            raise ValidationError("too long")
        _web_url(value)
    except ValidationError:
        raise DomainError(f"Enter your {label} address as a web link.", field=name) from None
    host = LINK_HOSTS.get(name)
    if host == "linkedin.com" and not linkedin_key(value):
        raise DomainError("Enter the address of your LinkedIn profile.", field=name)
    if host == "github.com" and value.split("://", 1)[1].split("/", 1)[0].lower() not in (
        "github.com",
        "www.github.com",
    ):
        raise DomainError("Enter the address of your GitHub profile.", field=name)
    return value


def _field_error(check, value: str, field_name: str) -> str:
    try:
        return check(value)
    except DomainError as error:
        raise DomainError(error.message, field=field_name) from None


def _owner_ids(candidate: Candidate) -> list[int]:
    """Who hears of it: the candidate's owner, else the owners of their applications."""
    if candidate.owner_id:
        return [candidate.owner_id]
    owners = candidate.applications.exclude(owner=None).values_list("owner_id", flat=True)
    return sorted(set(owners))


def _suggest_merge(*, candidate: Candidate, other: Candidate, what: str, shown: str) -> None:
    """The detail is on another record: a timeline entry and a note to the owner linking to
    the merge page, where a person decides. Nothing moves until then."""
    entry = events.status_page_detail_elsewhere(
        candidate=candidate, other=other, what=what, shown=shown
    )
    url = reverse("candidates:merge", args=[candidate.pk, other.pk])
    Notification.objects.bulk_create(
        Notification(
            user_id=pk,
            kind=NotificationKind.CANDIDATE,
            text=f"{candidate.name} gave the {what} {shown}, which is on {other.name}'s "
            "record: compare them and merge if they are one person",
            url=url,
            activity=entry,
        )
        for pk in _owner_ids(candidate)
    )


def details_update(
    *,
    candidate: Candidate,
    phone: str = "",
    email: str = "",
    links: dict[str, str] | None = None,
    resume=None,
) -> Outcome:
    """Apply what the candidate changed in the form; a field left as it was changes nothing.

    1. Check every field first (phone and email normalized, links as web addresses of the
       right site, the resume by the careers form's checks), so a mistake writes nothing.
    2. A new phone becomes the first one; earlier numbers stay (the profile keeps history).
       A number on another record is not moved: the owner is asked to merge.
    3. Links replace the field's value; an emptied field is cleared.
    4. A newer resume becomes the current one, its text read and indexed by the usual task.
    5. A new email is only asked for here: a link goes to it (see `email_change_request`).
    """
    links = links or {}
    now = details_of(candidate)
    new_phone = _field_error(normalize_phone, phone, "phone") if phone.strip() else ""
    new_email = _field_error(normalize_email, email, "email") if email.strip() else ""
    new_links = {name: _clean_link(name, links[name]) for name in LINKS if name in links}
    if resume is not None:
        check_resume(resume)
    phones = list(candidate.phones.values_list("phone", flat=True))
    outcome = Outcome(current_email=now.email)
    changes: dict = {}
    taken_by = None
    if new_phone and (not phones or phones[0] != new_phone):
        row = CandidatePhone.objects.filter(phone=new_phone).exclude(candidate=candidate).first()
        if row is not None:
            taken_by = row.candidate
        else:
            changes["phones"] = [new_phone] + [p for p in phones if p != new_phone]
    changed_links = {
        name: value for name, value in new_links.items() if value != getattr(candidate, name)
    }
    with transaction.atomic():
        if changes or changed_links:
            candidate_update(candidate=candidate, actor=None, **changes, **changed_links)
            names, lines = [], []
            if changes:
                names.append("phone")
                lines.append(f"Phone: {now.phone or '(none)'} → {display_phone(new_phone)}")
            for name, value in changed_links.items():
                names.append(LINKS[name])
                was = getattr(now, name) or "(none)"
                lines.append(f"{LINKS[name].capitalize()}: {was} → {value or '(none)'}")
            entry = events.status_page_details_updated(
                candidate=candidate, names=names, body="\n".join(lines)
            )
            notify_candidate_action(
                activity=entry,
                text=f"{candidate.name} updated their {_and(names)} on their status page",
            )
            outcome.changed += names
        if taken_by is not None:
            _suggest_merge(
                candidate=candidate,
                other=taken_by,
                what="phone number",
                shown=display_phone(new_phone),
            )
            outcome.changed.append("phone")
        if resume is not None:
            stored = resume_add(candidate=candidate, upload=resume, actor=None)
            events.status_page_resume_uploaded(resume=stored)
            outcome.changed.append("resume")
        if new_email and new_email != now.email:
            outcome.confirm_sent_to = email_change_request(candidate=candidate, email=new_email)
            if not outcome.confirm_sent_to:  # one of their own addresses, now the first
                outcome.changed.append("email")
    return outcome


def email_change_token(*, candidate: Candidate, email: str, current: str) -> str:
    """Signed: who, the new address, and a digest of the first address when it was asked for
    (signed is not secret: whoever reads the new inbox must not learn the old one), so a link
    left over from an earlier change cannot undo a later one."""
    return signing.dumps({"c": candidate.pk, "e": email, "was": _digest(current)}, salt=EMAIL_SALT)


def _digest(address: str) -> str:
    return salted_hmac(EMAIL_SALT, address).hexdigest()[:20]


def email_confirm_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('status:confirm_email', args=[token])}"


CONFIRM_SUBJECT = "Confirm your new email address"
CONFIRM_BODY = (
    "Hi {{ candidate.first_name }},\n\n"
    "You asked {{ company.name }} to write to you at this address from now on. "
    "To confirm it, open this link within %(days)s days:\n\n"
    "%(url)s\n\n"
    "Until you do, we keep writing to the address we had. "
    "If you did not ask for this, ignore this email: nothing changes.\n"
)


def email_change_request(*, candidate: Candidate, email: str) -> str:
    """Mail a confirmation link to the new address, and say so on the timeline. The visitor
    is told the same whether or not the address is on another record: that is found out,
    and handled, when the link is followed. Returns the address written to."""
    address = normalize_email(email, field="email")
    emails = list(candidate.emails.values_list("email", flat=True))
    if address in emails:
        # One of their own already: it only moves to the front, there is nothing to prove.
        if emails[0] != address:
            with transaction.atomic():
                _make_first(candidate, address, emails)
        return ""
    if not hourly_allow(f"status:email-change:candidate:{candidate.pk}", EMAIL_ASKS_PER_HOUR):
        raise DomainError(
            "We have sent several confirmation links in the last hour. "
            "Please follow one of them, or try again in an hour.",
            field="email",
        )
    token = email_change_token(
        candidate=candidate, email=address, current=emails[0] if emails else ""
    )
    body = CONFIRM_BODY % {"days": EMAIL_CONFIRM_DAYS, "url": email_confirm_url(token)}
    try:
        with transaction.atomic():
            events.status_page_email_asked(candidate=candidate, email=address)
            message_queue(
                candidate=candidate,
                actor=None,
                subject=CONFIRM_SUBJECT,
                body=body,
                to_email=address,
                confirming_address=True,
            )
    except DomainError:  # a suppressed address: the staff side's wording is not for them
        raise DomainError(
            "We cannot send email to that address. Check it, or ask us in a question below.",
            field="email",
        ) from None
    return address


class ConfirmExpired(Exception):
    pass


def email_change_read(token: str) -> tuple[Candidate, str, str]:
    """(candidate, new address, digest of their first address when it was asked) from a
    token; ConfirmExpired past its days, DomainError for a forged one."""
    try:
        data = signing.loads(token, salt=EMAIL_SALT, max_age=timedelta(days=EMAIL_CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise ConfirmExpired from None
    except signing.BadSignature:
        raise DomainError("This link is not valid.", field="token") from None
    candidate = candidate_or_survivor(int(data["c"]))
    if candidate is None:
        raise DomainError("This link is not valid.", field="token")
    return candidate, data["e"], data["was"]


def email_change_confirm(*, token: str) -> tuple[Candidate, bool]:
    """Follow the link: the new address becomes the first, the earlier ones stay as further
    addresses. Confirming twice is confirming once. An address that meanwhile is on another
    record is not moved; the owner is asked to merge the two. (candidate, changed)."""
    candidate, address, was = email_change_read(token)
    with transaction.atomic():
        Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
        emails = list(candidate.emails.values_list("email", flat=True))
        if emails and emails[0] == address:
            return candidate, False
        if emails and _digest(emails[0]) != was:
            raise DomainError(
                "Your email address changed since this link was sent; this link no longer applies.",
                field="token",
            )
        row = CandidateEmail.objects.filter(email=address).exclude(candidate=candidate).first()
        if row is not None:
            _suggest_merge(
                candidate=candidate, other=row.candidate, what="email address", shown=address
            )
            return candidate, True
        _make_first(candidate, address, emails)
    return candidate, True


def _make_first(candidate: Candidate, address: str, emails: list[str]) -> None:
    """The address becomes the one we write to; the earlier ones stay, after it."""
    candidate_update(
        candidate=candidate, actor=None, emails=[address] + [e for e in emails if e != address]
    )
    entry = events.status_page_email_confirmed(candidate=candidate, email=address)
    notify_candidate_action(
        activity=entry,
        text=f"{candidate.name} changed their email address to {address} on their status page",
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
