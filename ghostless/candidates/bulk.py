"""Many new candidates at once (spreadsheet imports): the rules of `candidate_create`, applied
to a batch, written with a fixed number of queries per batch instead of a dozen per person.
The timeline, the search index (hook `candidates_changed`) and the owners' notifications
(hook `handed_off`) are kept exactly as one by one."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone, Tag
from ghostless.candidates.normalize import normalize_email, normalize_phone
from ghostless.candidates.services import (
    PROFILE_FIELDS,
    _clean_profile,
    _tag_names,
    _unique,
    _validate_profile,
)
from ghostless.core import hooks
from ghostless.core.errors import DomainError
from ghostless.core.inserts import insert
from ghostless.core.permissions import check_recruiter
from ghostless.timeline import events
from ghostless.timeline.models import Activity, Kind


@dataclass
class NewCandidate:
    """One person checked and normalized, ready to write."""

    profile: dict
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str = ""


def check_lengths(profile: dict) -> None:
    """Text longer than its column: PostgreSQL refuses it, SQLite would keep it."""
    for name, value in profile.items():
        limit = getattr(Candidate._meta.get_field(name), "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            label = Candidate._meta.get_field(name).verbose_name
            raise DomainError(f"The {label} is longer than {limit} characters.", field=name)


def candidate_clean(*, emails=(), phones=(), tags=(), note: str = "", **profile) -> NewCandidate:
    """Check and normalize a person as `candidate_create` would, writing nothing; a
    DomainError names what is wrong."""
    unknown = set(profile) - PROFILE_FIELDS
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(sorted(unknown))}.", field=min(unknown))
    profile.setdefault("first_name", "")
    _validate_profile(profile)
    _clean_profile(profile)
    check_lengths({k: v for k, v in profile.items() if k not in ("owner", "custom_fields")})
    return NewCandidate(
        profile=profile,
        emails=_unique(normalize_email(e) for e in emails if e.strip()),
        phones=_unique(normalize_phone(p) for p in phones if p.strip()),
        tags=_tag_names(tags) or [],
        note=note.strip(),
    )


def _tag_ids(names: set[str]) -> dict[str, int]:
    Tag.objects.bulk_create([Tag(name=n) for n in names], ignore_conflicts=True)
    return dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))


def candidates_bulk_create(
    *, actor: User, people: list[NewCandidate], subject: str, payload: dict
) -> list[Candidate]:
    """Write checked people (their emails and phones free: the caller matched them) with a
    timeline entry each saying `subject`, their notes, index and owners' notifications."""
    check_recruiter(actor, "can change candidates")
    with transaction.atomic():
        candidates = [
            Candidate(**({"owner": actor} | {k: v for k, v in p.profile.items() if v is not None}))
            for p in people
        ]
        insert(candidates, returning=True)
        emails, phones, activities, links = [], [], [], []
        tag_ids = _tag_ids({name for p in people for name in p.tags})
        through = Candidate.tags.through
        for candidate, person in zip(candidates, people, strict=True):
            emails += [
                CandidateEmail(candidate=candidate, email=e, order=i)
                for i, e in enumerate(person.emails)
            ]
            phones += [
                CandidatePhone(candidate=candidate, phone=p, order=i)
                for i, p in enumerate(person.phones)
            ]
            links += [through(candidate=candidate, tag_id=tag_ids[t]) for t in person.tags]
            activities.append(
                events.candidate_imported(
                    candidate=candidate, actor=actor, subject=subject, payload=payload
                )
            )
            if person.note:
                activities.append(
                    Activity(candidate=candidate, actor=actor, kind=Kind.NOTE, body=person.note)
                )
        for rows in (emails, phones, links, activities):
            insert(rows)
        by_owner = defaultdict(list)
        for candidate in candidates:
            by_owner[candidate.owner].append(candidate.pk)
        for owner, ids in by_owner.items():
            hooks.handed_off.send(assignee=owner, actor=actor, candidate_ids=ids)
        hooks.candidates_changed.send(candidate_ids=[c.pk for c in candidates])
        hooks.candidates_created.send(candidates=candidates)
    return candidates
