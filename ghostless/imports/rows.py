"""One spreadsheet row read through the mapping and checked: what would become of it, with
no database access (the lookups of owners and jobs are loaded once per import)."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ghostless.accounts.models import User
from ghostless.candidates.bulk import NewCandidate, candidate_clean
from ghostless.core.errors import DomainError
from ghostless.jobs.models import Job

URL_FIELDS = ("linkedin_url", "github_url", "website_url")
TEXT_FIELDS = (
    "first_name",
    "last_name",
    "current_title",
    "current_company",
    "location",
    "skills",
    "source",
    *URL_FIELDS,
)
_check_url = URLValidator(schemes=["http", "https"])


@dataclass
class Lookups:
    """Owners by username or email and jobs by id or title, as an import may name them."""

    owners: dict[str, User]
    jobs: dict[str, Job]
    ambiguous_jobs: set[str] = field(default_factory=set)

    @classmethod
    def load(cls) -> "Lookups":
        owners: dict[str, User] = {}
        for user in User.objects.filter(is_active=True):
            if user.sees_everything:
                owners[user.username.lower()] = user
                if user.email:
                    owners.setdefault(user.email.lower(), user)
        jobs: dict[str, Job] = {}
        ambiguous = set()
        for job in Job.objects.only("pk", "title"):
            jobs[str(job.pk)] = job
            title = job.title.strip().lower()
            if title in jobs:
                ambiguous.add(title)
            jobs[title] = job
        return cls(owners=owners, jobs=jobs, ambiguous_jobs=ambiguous)


@dataclass
class ParsedRow:
    number: int
    values: list[str]
    person: NewCandidate | None = None
    job: Job | None = None
    error: str = ""

    @property
    def keys(self) -> list[tuple[str, str]]:
        if self.person is None:
            return []
        found = [("email", e) for e in self.person.emails]
        found += [("phone", p) for p in self.person.phones]
        if key := self.person.profile.get("linkedin_key"):
            found.append(("LinkedIn profile", key))
        return found


def _split(text: str, separators: str) -> list[str]:
    return [part.strip() for part in re.split(f"[{separators}\n]", text) if part.strip()]


def _fields(columns: list[str], mapping: dict[str, str], values: list[str]) -> dict:
    found: dict = {"email": [], "phone": []}
    for index, column in enumerate(columns):
        name = mapping.get(column)
        value = values[index] if index < len(values) else ""
        if not name or not value:
            continue
        if name == "email":
            found["email"] += _split(value, ";,")
        elif name == "phone":
            found["phone"] += _split(value, ";")
        else:
            found[name] = value
    return found


def parse_row(
    number: int, values: list[str], *, columns: list[str], mapping: dict, lookups: Lookups
) -> ParsedRow:
    """The row as a person to write, or the reason it cannot be imported."""
    row = ParsedRow(number=number, values=values)
    found = _fields(columns, mapping, values)
    if full := found.pop("full_name", ""):
        first, _, last = full.partition(" ")
        found.setdefault("first_name", first)
        found.setdefault("last_name", last.strip())
    profile = {name: found[name] for name in TEXT_FIELDS if name in found}
    try:
        if not profile.get("first_name"):
            raise DomainError("No first name.")
        for name in URL_FIELDS:
            if name in profile:
                try:
                    _check_url(profile[name])
                except ValidationError:
                    raise DomainError(f"“{profile[name]}” is not a web address.") from None
        if owner := found.get("owner"):
            profile["owner"] = lookups.owners.get(owner.lower())
            if profile["owner"] is None:
                raise DomainError(f"No active recruiter or admin called “{owner}”.")
        if job := found.get("job"):
            key = job.strip().lower()
            if key in lookups.ambiguous_jobs:
                raise DomainError(f"Several jobs are called “{job}”: give the job's id.")
            row.job = lookups.jobs.get(key)
            if row.job is None:
                raise DomainError(f"No job called “{job}”.")
        row.person = candidate_clean(
            emails=found["email"],
            phones=found["phone"],
            tags=found.get("tags", "").split(","),
            note=found.get("notes", ""),
            **profile,
        )
    except DomainError as error:
        row.error = error.message
    return row
