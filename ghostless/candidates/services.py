"""Writes for candidates. Every door (web, API, commands) calls these."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone, Tag
from ghostless.candidates.normalize import (
    linkedin_key,
    normalize_email,
    normalize_phone,
    normalize_skills,
)
from ghostless.core import hooks
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.permissions import check_admin, check_recruiter
from ghostless.timeline import events
from ghostless.timeline.audit import audit_event, audit_record, changes_between

PROFILE_FIELDS = {
    "first_name",
    "last_name",
    "location",
    "linkedin_url",
    "github_url",
    "website_url",
    "current_title",
    "current_company",
    "skills",
    "source",
    "owner",
    "custom_fields",
}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _check_no_duplicates(*, emails: list[str], phones: list[str], exclude_pk: int | None) -> None:
    """Refuse contact details that belong to someone else, naming that candidate."""
    taken = CandidateEmail.objects.filter(email__in=emails).exclude(candidate_id=exclude_pk)
    if row := taken.select_related("candidate").first():
        raise Conflict(
            f"{row.email} already belongs to {row.candidate.name}.",
            field="emails",
            candidate_id=row.candidate_id,
        )
    taken = CandidatePhone.objects.filter(phone__in=phones).exclude(candidate_id=exclude_pk)
    if row := taken.select_related("candidate").first():
        raise Conflict(
            f"{row.phone} already belongs to {row.candidate.name}.",
            field="phones",
            candidate_id=row.candidate_id,
        )


def _set_contacts(candidate: Candidate, *, emails: list[str], phones: list[str]) -> None:
    candidate.emails.exclude(email__in=emails).delete()
    candidate.phones.exclude(phone__in=phones).delete()
    for order, email in enumerate(emails):
        CandidateEmail.objects.update_or_create(
            candidate=candidate, email=email, defaults={"order": order}
        )
    for order, phone in enumerate(phones):
        CandidatePhone.objects.update_or_create(
            candidate=candidate, phone=phone, defaults={"order": order}
        )


def _set_tags(candidate: Candidate, names: Iterable[str]) -> None:
    names = _unique(n.strip().lower() for n in names if n.strip())
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=n) for n in names if n not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    candidate.tags.set(Tag.objects.filter(name__in=names))


def _tag_names(names: Iterable[str] | None) -> list[str] | None:
    """Tags as they are stored: trimmed, lower case, once each, sorted for comparing."""
    if names is None:
        return None
    return sorted(_unique(n.strip().lower() for n in names if n.strip()))


def _lists_now(candidate: Candidate, lists: dict) -> dict[str, list[str]]:
    """The candidate's current emails, phones and tags, for the lists about to be replaced."""
    now = {}
    if "emails" in lists:
        now["emails"] = list(
            candidate.emails.order_by("order", "id").values_list("email", flat=True)
        )
    if "phones" in lists:
        now["phones"] = list(
            candidate.phones.order_by("order", "id").values_list("phone", flat=True)
        )
    if "tags" in lists:
        now["tags"] = sorted(candidate.tags.values_list("name", flat=True))
    return now


def _clean_profile(fields: dict) -> None:
    """Trimmed text (the duplicate check compares it in SQL), canonical skills, and the
    LinkedIn key that goes with the address."""
    for name, value in fields.items():
        if isinstance(value, str):
            fields[name] = value.strip()
    if "skills" in fields:
        fields["skills"] = normalize_skills(fields["skills"])
    if "linkedin_url" in fields:
        fields["linkedin_key"] = linkedin_key(fields["linkedin_url"] or "")


def _validate_profile(fields: dict) -> None:
    if "first_name" in fields and not (fields["first_name"] or "").strip():
        raise DomainError("A first name is required.", field="first_name")
    owner = fields.get("owner")
    if owner is not None and not owner.sees_everything:
        raise DomainError("The owner must be a recruiter or an admin.", field="owner")
    custom = fields.get("custom_fields")
    if custom is not None and not isinstance(custom, dict):
        raise DomainError(
            "Custom fields must be an object of names and values.", field="custom_fields"
        )


def _save_contacts(candidate, *, emails, phones, tags) -> None:
    try:
        with transaction.atomic():
            if emails is not None or phones is not None:
                if emails is None:
                    emails = [e.email for e in candidate.emails.all()]
                if phones is None:
                    phones = [p.phone for p in candidate.phones.all()]
                _set_contacts(candidate, emails=emails, phones=phones)
            if tags is not None:
                _set_tags(candidate, tags)
    except IntegrityError:
        # Another request took the address between our check and our insert.
        _check_no_duplicates(emails=emails or [], phones=phones or [], exclude_pk=candidate.pk)
        raise


def candidate_create(
    *,
    actor: User | None,
    first_name: str,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    tags: Iterable[str] = (),
    **profile,
) -> Candidate:
    check_recruiter(actor, "can change candidates")
    unknown = set(profile) - PROFILE_FIELDS
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(sorted(unknown))}.", field=min(unknown))
    profile["first_name"] = first_name
    if profile.get("owner") is None and actor is not None and actor.sees_everything:
        # Added by hand with no owner chosen: whoever added them owns them, so their
        # follow-ups reach someone. Careers applicants (no actor) get the job's recruiter.
        profile["owner"] = actor
    _validate_profile(profile)
    _clean_profile(profile)
    emails = _unique(normalize_email(e) for e in emails if e.strip())
    phones = _unique(normalize_phone(p) for p in phones if p.strip())
    _check_no_duplicates(emails=emails, phones=phones, exclude_pk=None)
    with transaction.atomic():
        candidate = Candidate.objects.create(**profile)
        _save_contacts(candidate, emails=emails, phones=phones, tags=list(tags))
        events.candidate_created(candidate=candidate, actor=actor)
        hooks.candidate_created.send(candidate=candidate)
        hooks.handed_off.send(assignee=candidate.owner, actor=actor, candidate_ids=[candidate.pk])
        hooks.candidates_changed.send(candidate_ids=[candidate.pk])
    return candidate


def candidate_update(
    *,
    candidate: Candidate,
    actor: User | None,
    emails: Iterable[str] | None = None,
    phones: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    **profile,
) -> Candidate:
    """Change the given fields only; `None` for a list leaves it as it is."""
    check_recruiter(actor, "can change candidates")
    unknown = set(profile) - PROFILE_FIELDS
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(sorted(unknown))}.", field=min(unknown))
    _validate_profile(profile)
    _clean_profile(profile)
    if emails is not None:
        emails = _unique(normalize_email(e) for e in emails if e.strip())
    if phones is not None:
        phones = _unique(normalize_phone(p) for p in phones if p.strip())
    _check_no_duplicates(emails=emails or [], phones=phones or [], exclude_pk=candidate.pk)
    changed = {k: v for k, v in profile.items() if getattr(candidate, k) != v}
    lists = {"emails": emails, "phones": phones, "tags": _tag_names(tags)}
    lists = {name: values for name, values in lists.items() if values is not None}
    with transaction.atomic():
        before = {k: getattr(candidate, k) for k in changed} | _lists_now(candidate, lists)
        for key, value in changed.items():
            setattr(candidate, key, value)
        candidate.updated_at = timezone.now()
        candidate.save()
        _save_contacts(candidate, emails=emails, phones=phones, tags=lists.get("tags"))
        audited = {k: v for k, v in changed.items() if k != "linkedin_key"} | lists
        diff = changes_between(before, audited)
        audit_record(
            actor=actor,
            subject="candidate",
            subject_id=candidate.pk,
            label=candidate.name,
            event="candidate_updated",
            changes=diff,
        )
        if "owner" in changed:
            events.owner_changed(candidate=candidate, actor=actor, owner=candidate.owner)
            hooks.handed_off.send(
                assignee=candidate.owner, actor=actor, candidate_ids=[candidate.pk]
            )
        hooks.candidates_changed.send(candidate_ids=[candidate.pk])
        if diff:
            hooks.candidates_updated.send(candidate_ids=[candidate.pk], fields=sorted(diff))
    return candidate


# The triage page assigns at most one page of candidates at a time.
ASSIGN_LIMIT = 100


def candidates_assign_owner(*, candidate_ids: list[int], owner: User, actor: User) -> list[int]:
    """An admin gives unowned candidates an owner, many at once (the unowned triage page).
    Only those still without an owner change, so two admins at once never undo each other;
    each gets a timeline entry and an audit row, and the new owner one notification."""
    check_admin(actor)
    if owner is None or not owner.sees_everything or not owner.is_active:
        raise DomainError("The owner must be an active recruiter or admin.", field="owner")
    if not candidate_ids:
        raise DomainError("Choose at least one candidate.", field="candidates")
    if len(candidate_ids) > ASSIGN_LIMIT:
        raise DomainError(f"Assign at most {ASSIGN_LIMIT} at a time.", field="candidates")
    with transaction.atomic():
        chosen = list(
            Candidate.objects.select_for_update()
            .filter(pk__in=candidate_ids, owner__isnull=True)
            .order_by("pk")
        )
        if not chosen:
            raise DomainError("Those candidates have an owner already.", field="candidates")
        ids = [candidate.pk for candidate in chosen]
        Candidate.objects.filter(pk__in=ids).update(owner=owner, updated_at=timezone.now())
        for candidate in chosen:
            candidate.owner = owner
            events.owner_changed(candidate=candidate, actor=actor, owner=owner)
            audit_record(
                actor=actor,
                subject="candidate",
                subject_id=candidate.pk,
                label=candidate.name,
                event="candidate_updated",
                changes={"owner": [None, owner.username]},
            )
        hooks.handed_off.send(assignee=owner, actor=actor, candidate_ids=ids)
        hooks.candidates_changed.send(candidate_ids=ids)
        hooks.candidates_updated.send(candidate_ids=ids, fields=["owner"])
    return ids


def candidate_do_not_contact(
    *, candidate: Candidate, actor: User | None, do_not_contact: bool, reason: str = ""
) -> Candidate:
    """Mark the person do-not-contact (no email or text by any path: the outbox refuses) or
    clear the mark. Setting needs a reason, kept on the record; both are on the timeline and
    in the audit log. Asking for the state it already has changes nothing."""
    check_recruiter(actor, "change do-not-contact")
    reason = " ".join(reason.split())
    if do_not_contact and not reason:
        raise DomainError("Say why they must not be contacted.", field="reason")
    if len(reason) > 300:
        raise DomainError("Keep the reason under 300 characters.", field="reason")
    with transaction.atomic():
        current = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if (current.do_not_contact_at is not None) == do_not_contact:
            return current
        before = {"do_not_contact": not do_not_contact, "reason": current.do_not_contact_reason}
        current.do_not_contact_at = timezone.now() if do_not_contact else None
        current.do_not_contact_reason = reason if do_not_contact else ""
        current.save(update_fields=["do_not_contact_at", "do_not_contact_reason"])
        if do_not_contact:
            events.do_not_contact_set(candidate=current, actor=actor, reason=reason)
        else:
            events.do_not_contact_cleared(candidate=current, actor=actor, reason=reason)
        audit_event(
            actor=actor,
            subject="candidate",
            subject_id=current.pk,
            label=current.name,
            event="do_not_contact_set" if do_not_contact else "do_not_contact_cleared",
            detail=changes_between(before, {"do_not_contact": do_not_contact, "reason": reason}),
        )
    candidate.do_not_contact_at = current.do_not_contact_at
    candidate.do_not_contact_reason = current.do_not_contact_reason
    return current
