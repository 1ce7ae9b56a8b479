"""JSON Resume (jsonresume.org): a candidate from a resume.json and back, validated against the
official schema vendored in static/imports/resume-schema.json (MIT, see the LICENSE beside it).

The profile keeps what it has fields for (name, title, company, location, links, skills,
contacts); work, education and languages go into custom fields under "resume", so an export
gives them back."""

import json
from functools import cache
from pathlib import Path

from django.db import transaction
from jsonschema import Draft7Validator, FormatChecker

from ghostless.accounts.models import User
from ghostless.candidates.bulk import check_lengths
from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_create, candidate_update
from ghostless.core.errors import DomainError
from ghostless.core.text import lone_surrogate_path
from ghostless.imports import events
from ghostless.resumes.models import Resume

SCHEMA_PATH = Path(__file__).parent / "static" / "imports" / "resume-schema.json"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
KEPT_SECTIONS = ("work", "education", "languages", "volunteer", "awards", "projects")
MAX_BYTES = 2 * 1024 * 1024


@cache
def validator() -> Draft7Validator:
    return Draft7Validator(json.loads(SCHEMA_PATH.read_text()), format_checker=FormatChecker())


def resume_errors(document) -> list[str]:
    """Where the document breaks the schema, as "basics.email: 'x' is not a 'email'"."""
    return [
        f"{'.'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator().iter_errors(document), key=lambda e: list(e.path))
    ][:20]


def parse_resume(raw: bytes | str | dict) -> dict:
    if isinstance(raw, bytes | str):
        if len(raw) > MAX_BYTES:
            raise DomainError("That resume.json is larger than 2 MB.", field="file")
        try:
            document = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise DomainError("That file is not JSON.", field="file") from None
    else:
        document = raw
    if "\\u0000" in json.dumps(document) or lone_surrogate_path(document):
        raise DomainError("The resume holds characters no database can store.", field="file")
    if not isinstance(document, dict):
        raise DomainError("A resume.json is an object with basics, work, ...", field="file")
    if errors := resume_errors(document):
        raise DomainError("Not a valid JSON Resume: " + "; ".join(errors), field="file")
    return document


def _profiles(basics: dict) -> dict[str, str]:
    links = {}
    for profile in basics.get("profiles") or []:
        network = (profile.get("network") or "").lower()
        url = profile.get("url") or ""
        if not url and profile.get("username"):
            base = {"linkedin": "https://www.linkedin.com/in/", "github": "https://github.com/"}
            url = base.get(network, "") + profile["username"] if network in base else ""
        if "linkedin" in network and url:
            links["linkedin_url"] = url
        elif "github" in network and url:
            links["github_url"] = url
    return links


def _fields(document: dict) -> dict:
    basics = document.get("basics") or {}
    first, _, last = (basics.get("name") or "").strip().partition(" ")
    work = document.get("work") or []
    current = next((w for w in work if not w.get("endDate")), work[0] if work else {})
    location = basics.get("location") or {}
    place = ", ".join(
        p for p in (location.get("city"), location.get("region"), location.get("countryCode")) if p
    )
    skills = [s.get("name", "") for s in document.get("skills") or [] if s.get("name")]
    fields = {
        "first_name": first,
        "last_name": last.strip(),
        "current_title": basics.get("label") or current.get("position") or "",
        "current_company": current.get("name") or "",
        "location": place,
        "website_url": basics.get("url") or "",
        "skills": ", ".join(skills),
        **_profiles(basics),
    }
    return {
        k: v[:200] if k in ("current_title", "current_company", "location") else v
        for k, v in fields.items()
        if v
    }


def resume_import(*, actor: User, document: dict, candidate: Candidate | None = None) -> Candidate:
    """A new candidate from the resume, or the resume's details added to `candidate`: fields
    it has values for replace the profile's, contacts are added, sections kept."""
    fields = _fields(document)
    check_lengths(fields)
    basics = document.get("basics") or {}
    emails = [basics["email"]] if basics.get("email") else []
    phones = [basics["phone"]] if basics.get("phone") else []
    sections = {k: document[k] for k in KEPT_SECTIONS if document.get(k)}
    if basics.get("summary"):
        sections["summary"] = basics["summary"]
    with transaction.atomic():
        if candidate is None:
            if not fields.get("first_name"):
                raise DomainError("The resume has no basics.name.", field="file")
            custom = {"resume": sections} if sections else {}
            candidate = candidate_create(
                actor=actor,
                emails=emails,
                phones=phones,
                custom_fields=custom,
                source="JSON Resume",
                **fields,
            )
        else:
            have_emails = list(candidate.emails.values_list("email", flat=True))
            have_phones = list(candidate.phones.values_list("phone", flat=True))
            custom = dict(candidate.custom_fields or {})
            if sections:
                custom["resume"] = sections
            candidate_update(
                candidate=candidate,
                actor=actor,
                emails=have_emails + [e for e in emails if e.lower() not in have_emails],
                phones=have_phones + phones if phones else None,
                custom_fields=custom,
                **fields,
            )
        events.json_resume_imported(candidate=candidate, actor=actor)
    return candidate


def resume_export(candidate: Candidate) -> dict:
    """The candidate as a resume.json: profile fields, the sections an import kept, and the
    text of the current resume file as the summary when there is no other."""
    sections = (candidate.custom_fields or {}).get("resume") or {}
    emails = [e.email for e in candidate.emails.all()]
    phones = [p.phone for p in candidate.phones.all()]
    basics = {"name": candidate.name}
    if candidate.current_title:
        basics["label"] = candidate.current_title
    if emails:
        basics["email"] = emails[0]
    if phones:
        basics["phone"] = phones[0]
    if candidate.website_url:
        basics["url"] = candidate.website_url
    summary = sections.get("summary") if isinstance(sections, dict) else None
    if not summary:
        current = Resume.objects.filter(candidate=candidate, is_current=True).only("text").first()
        summary = (current.text[:2000].strip() if current else "") or None
    if summary:
        basics["summary"] = summary
    if candidate.location:
        basics["location"] = {"city": candidate.location}
    profiles = []
    if candidate.linkedin_url:
        profiles.append({"network": "LinkedIn", "url": candidate.linkedin_url})
    if candidate.github_url:
        profiles.append({"network": "GitHub", "url": candidate.github_url})
    if profiles:
        basics["profiles"] = profiles
    document = {"$schema": SCHEMA_URL, "basics": basics}
    if isinstance(sections, dict):
        document |= {
            k: v for k, v in sections.items() if k in KEPT_SECTIONS and isinstance(v, list)
        }
    if "work" not in document and candidate.current_company:
        work = {"name": candidate.current_company}
        if candidate.current_title:
            work["position"] = candidate.current_title
        document["work"] = [work]
    if candidate.skills:
        document["skills"] = [{"name": s.strip()} for s in candidate.skills.split(",") if s.strip()]
    document["meta"] = {"lastModified": candidate.updated_at.strftime("%Y-%m-%dT%H:%M:%S")}
    return document
