"""What a batch of parsed rows would do: create, update, leave unchanged or reject, read in
a fixed number of queries per batch. The dry run stops here; the run writes the plan
(writing.py). Both read the file in the same order with the same rules, so the run does what
its dry run said."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower

from ghostless.candidates.duplicates import duplicate_reasons
from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.imports.keys import SeenKeys
from ghostless.imports.rows import ParsedRow
from ghostless.jobs.models import Application
from ghostless.timeline.models import Activity, Kind

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "reject"
# Suggestions shown per new row, at most.
DUPLICATES_PER_ROW = 3


@dataclass
class Planned:
    row: ParsedRow
    action: str
    message: str = ""
    candidate: Candidate | None = None
    # For an update: profile fields to set, and what to add.
    changes: dict = field(default_factory=dict)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str = ""
    add_to_job: bool = False
    duplicates: list[tuple[int, str]] = field(default_factory=list)


def _matches(rows: list[ParsedRow]) -> dict[tuple[str, str], set[int]]:
    """Existing candidates by each key the rows carry."""
    emails = [v for r in rows for k, v in r.keys if k == "email"]
    phones = [v for r in rows for k, v in r.keys if k == "phone"]
    linkedin = [v for r in rows for k, v in r.keys if k == "LinkedIn profile"]
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    for email, pk in CandidateEmail.objects.filter(email__in=emails).values_list(
        "email", "candidate_id"
    ):
        found["email", email].add(pk)
    for phone, pk in CandidatePhone.objects.filter(phone__in=phones).values_list(
        "phone", "candidate_id"
    ):
        found["phone", phone].add(pk)
    for key, pk in Candidate.objects.filter(linkedin_key__in=linkedin).values_list(
        "linkedin_key", "pk"
    ):
        found["LinkedIn profile", key].add(pk)
    return found


def _load(ids: set[int]) -> dict[int, Candidate]:
    return Candidate.objects.prefetch_related(
        Prefetch("emails", queryset=CandidateEmail.objects.order_by("order", "id")),
        Prefetch("phones", queryset=CandidatePhone.objects.order_by("order", "id")),
        "tags",
    ).in_bulk(ids)


def _update_plan(planned: Planned, candidate: Candidate, on_job: set, noted: set) -> None:
    person, row = planned.row.person, planned.row
    planned.candidate = candidate
    for name, value in person.profile.items():
        if name == "linkedin_key" or value in ("", None):
            continue
        current = candidate.owner_id if name == "owner" else getattr(candidate, name)
        if current != (value.pk if name == "owner" else value):
            planned.changes[name] = value
    have = {e.email for e in candidate.emails.all()}
    planned.emails = [e for e in person.emails if e not in have]
    have = {p.phone for p in candidate.phones.all()}
    planned.phones = [p for p in person.phones if p not in have]
    have = {t.name for t in candidate.tags.all()}
    planned.tags = [t for t in person.tags if t not in have]
    planned.note = person.note if (candidate.pk, person.note) not in noted else ""
    planned.add_to_job = row.job is not None and (candidate.pk, row.job.pk) not in on_job
    if any([planned.changes, planned.emails, planned.phones, planned.tags]) or (
        planned.note or planned.add_to_job
    ):
        planned.action = UPDATE
    else:
        planned.action = UNCHANGED


def _suggest_duplicates(plans: list[Planned]) -> None:
    """Name-based suggestions for new rows (the same LinkedIn profile is a match, not a
    suggestion), by the rules of candidates/duplicates.py, one query for the batch."""
    new = [p for p in plans if p.action == CREATE and p.row.person.profile.get("last_name")]
    lasts, companies, locations = set(), set(), set()
    for planned in new:
        profile = planned.row.person.profile
        lasts.add(profile["last_name"].lower())
        companies.add(profile.get("current_company", "").lower())
        locations.add(profile.get("location", "").lower())
    companies.discard("")
    locations.discard("")
    if not companies and not locations:
        return
    places = Q(company_l__in=companies) | Q(location_l__in=locations)
    found = defaultdict(list)
    rows = (
        Candidate.objects.annotate(
            last_l=Lower("last_name"),
            company_l=Lower("current_company"),
            location_l=Lower("location"),
        )
        .filter(places, last_l__in=lasts)
        .only("first_name", "last_name", "current_company", "location", "linkedin_key")
        .order_by()[: 50 * len(new)]
    )
    for other in rows:
        found[other.last_name.lower()].append(other)
    for planned in new:
        person = Candidate(**{k: v for k, v in planned.row.person.profile.items() if k != "owner"})
        for other in found.get(person.last_name.lower(), []):
            reasons, score = duplicate_reasons(person, other)
            if reasons:
                planned.duplicates.append((score, other.pk, f"{other.name}: {', '.join(reasons)}"))
        planned.duplicates.sort(key=lambda d: (-d[0], d[1]))
        planned.duplicates = [(pk, text) for _, pk, text in planned.duplicates[:DUPLICATES_PER_ROW]]


def plan_batch(rows: list[ParsedRow], seen: SeenKeys, *, suggest: bool) -> list[Planned]:
    """Decide each row of a batch. `seen` carries the keys of earlier rows across batches:
    a second row for the same person in one file is refused, in the dry run and in the run
    alike, whatever the first one did. Call it in the transaction that commits the batch."""
    known = seen.earlier({key for row in rows for key in row.keys})
    firsts = dict(known)
    plans: list[Planned] = []
    for row in rows:
        if row.error:
            plans.append(Planned(row=row, action=REJECT, message=row.error))
            continue
        earlier = next(((k, firsts[k]) for k in row.keys if k in firsts), None)
        for key in row.keys:
            firsts.setdefault(key, row.number)
        if earlier:
            (kind, value), number = earlier
            message = f"The same {kind} ({value}) as row {number}."
            plans.append(Planned(row=row, action=REJECT, message=message))
        else:
            plans.append(Planned(row=row, action=CREATE))
    seen.remember({key: number for key, number in firsts.items() if key not in known})
    live = [p for p in plans if p.action == CREATE]
    matches = _matches([p.row for p in live])
    wanted: dict[int, set[int]] = {}
    for planned in live:
        ids = set().union(*(matches.get(key, set()) for key in planned.row.keys))
        wanted[planned.row.number] = ids
    all_ids = set().union(*wanted.values()) if wanted else set()
    existing = _load(all_ids) if all_ids else {}
    on_job = set(
        Application.objects.filter(candidate_id__in=all_ids).values_list("candidate_id", "job_id")
    )
    notes = {p.row.person.note for p in live if p.row.person.note}
    noted = (
        set(
            Activity.objects.filter(
                candidate_id__in=all_ids, kind=Kind.NOTE, body__in=notes
            ).values_list("candidate_id", "body")
        )
        if notes and all_ids
        else set()
    )
    for planned in live:
        ids = wanted[planned.row.number]
        if len(ids) > 1:
            names = ", ".join(f"{existing[pk].name} (#{pk})" for pk in sorted(ids))
            planned.action = REJECT
            planned.message = f"Matches several candidates: {names}. Merge them first."
        elif ids:
            _update_plan(planned, existing[ids.pop()], on_job, noted)
    if suggest:
        _suggest_duplicates(plans)
    return plans
