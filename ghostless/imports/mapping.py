"""What a column can be imported as, guesses from header names, and mappings remembered per
set of headers."""

import hashlib
import json
import re

from django.utils import timezone

from ghostless.core.errors import DomainError
from ghostless.imports.models import ColumnMapping

# Field name -> what the mapping screen calls it.
FIELDS = {
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name (split into first and last)",
    "email": "Email (several separated by ; or ,)",
    "phone": "Phone (several separated by ;)",
    "linkedin_url": "LinkedIn URL",
    "github_url": "GitHub URL",
    "website_url": "Website",
    "current_title": "Current title",
    "current_company": "Current company",
    "location": "Location",
    "skills": "Skills (comma-separated)",
    "tags": "Tags (comma-separated)",
    "source": "Source",
    "owner": "Owner (username or email)",
    "job": "Job (title or id): adds an application",
    "notes": "Notes (added to the timeline)",
}
# A header, lower-cased without punctuation, that names a field.
SYNONYMS = {
    "first_name": {"first name", "firstname", "first", "given name", "forename", "prenom"},
    "last_name": {"last name", "lastname", "last", "surname", "family name", "nom"},
    "full_name": {"name", "full name", "fullname", "candidate", "candidate name"},
    "email": {"email", "e mail", "email address", "emails", "mail", "work email"},
    "phone": {"phone", "phone number", "mobile", "telephone", "tel", "cell", "phones"},
    "linkedin_url": {"linkedin", "linkedin url", "linkedin profile"},
    "github_url": {"github", "github url"},
    "website_url": {"website", "url", "web", "homepage", "site", "portfolio"},
    "current_title": {"title", "job title", "current title", "position", "headline", "role"},
    "current_company": {"company", "current company", "employer", "organisation", "organization"},
    "location": {"location", "city", "address", "town"},
    "skills": {"skills", "skill"},
    "tags": {"tags", "tag", "labels"},
    "source": {"source", "origin", "channel"},
    "owner": {"owner", "recruiter", "assigned to"},
    "job": {"job", "job id", "requisition", "opening", "applied for"},
    "notes": {"notes", "note", "comments", "comment"},
}
MULTIPLE = {"email", "phone"}


def _plain(header: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", header.casefold()).replace("_", " ").split())


def header_key(columns: list[str]) -> str:
    """The same headers in any order, any case, give the same key."""
    plain = sorted(_plain(c) for c in columns)
    return hashlib.sha256(json.dumps(plain).encode()).hexdigest()


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """The mapping remembered for these headers, else one guessed from their names."""
    remembered = ColumnMapping.objects.filter(header_key=header_key(columns)).first()
    if remembered:
        return {c: f for c, f in remembered.mapping.items() if c in columns and f in FIELDS}
    mapping: dict[str, str] = {}
    for column in columns:
        plain = _plain(column)
        for field, names in SYNONYMS.items():
            taken = field in mapping.values() and field not in MULTIPLE
            if plain in names and not taken:
                mapping[column] = field
                break
    return mapping


def check_mapping(columns: list[str], mapping: dict) -> dict[str, str]:
    """A mapping of known columns to known fields, a field once (but emails and phones), with
    a name to import by."""
    if not isinstance(mapping, dict):
        raise DomainError("The mapping must be an object of column: field.", field="mapping")
    clean: dict[str, str] = {}
    for column, field in mapping.items():
        if not field:
            continue
        if column not in columns:
            raise DomainError(f"The file has no column “{column}”.", field="mapping")
        if field not in FIELDS:
            raise DomainError(f"“{field}” is not a field an import can fill.", field="mapping")
        if field in clean.values() and field not in MULTIPLE:
            raise DomainError(f"Only one column can be {FIELDS[field]}.", field="mapping")
        clean[column] = field
    chosen = set(clean.values())
    if not chosen & {"first_name", "full_name"}:
        raise DomainError("Choose the column with the first name (or full name).", field="mapping")
    return clean


def remember_mapping(columns: list[str], mapping: dict[str, str]) -> None:
    ColumnMapping.objects.update_or_create(
        header_key=header_key(columns), defaults={"mapping": mapping, "updated_at": timezone.now()}
    )
