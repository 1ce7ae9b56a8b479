"""Contact details in a resume's text, and which of them to offer for the profile.

Found once, when the text is extracted (`find_contacts`); compared with the profile when it is
shown (`contact_offers`), since the profile changes after the upload.
"""

import re
from dataclasses import dataclass

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q

from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.candidates.normalize import display_phone, normalize_email, normalize_phone
from ghostless.core.errors import DomainError
from ghostless.resumes.models import Resume

# Contact details sit at the top of a resume; past this the text is work history.
SCAN_CHARS = 20_000
MAX_PER_FIELD = 5
LINK_FIELDS = {"linkedin_url": "LinkedIn", "github_url": "GitHub", "website_url": "Website"}
LABELS = {"emails": "Email", "phones": "Phone", **LINK_FIELDS}

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/([A-Za-z0-9_%-]+)", re.I)
_GITHUB = re.compile(r"(?:https?://)?(?:www\.)?github\.com/([A-Za-z0-9](?:[A-Za-z0-9-]*))", re.I)
_WEBSITE = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.I)
# github.com/<these> are pages of GitHub itself, not someone's profile.
_GITHUB_PAGES = {"about", "features", "orgs", "pricing", "topics", "sponsors", "settings"}


def find_contacts(text: str) -> list[dict]:
    """Emails, phones (E.164, read in PHONE_DEFAULT_REGION) and LinkedIn, GitHub and website
    links in the text, each as {"field", "value"}, in the order they appear, without repeats."""
    head = text[:SCAN_CHARS]
    found: dict[str, list[str]] = {field: [] for field in LABELS}

    def add(field: str, value: str) -> None:
        if value not in found[field] and len(found[field]) < MAX_PER_FIELD:
            found[field].append(value)

    for match in _EMAIL.finditer(head):
        try:
            add("emails", normalize_email(match.group()))
        except DomainError:
            continue
    for match in phonenumbers.PhoneNumberMatcher(head, settings.PHONE_DEFAULT_REGION):
        try:
            add("phones", normalize_phone(match.raw_string))
        except DomainError:
            continue
    for match in _LINKEDIN.finditer(head):
        add("linkedin_url", f"https://www.linkedin.com/in/{match.group(1)}")
    for match in _GITHUB.finditer(head):
        if match.group(1).lower() not in _GITHUB_PAGES:
            add("github_url", f"https://github.com/{match.group(1)}")
    for match in _WEBSITE.finditer(head):
        url = match.group().rstrip(".,;:!?")
        if url.lower().startswith("www."):
            url = f"https://{url}"
        if not re.search(r"linkedin\.com|github\.com", url, re.I) and _is_web_url(url):
            add("website_url", url)
    return [{"field": field, "value": value} for field, values in found.items() for value in values]


def _is_web_url(url: str) -> bool:
    if len(url) > 300:
        return False
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return False
    return True


@dataclass(frozen=True)
class Offer:
    """One contact detail from the resume that the profile does not have yet. `owner` is the
    other candidate who has it already: shown, never offered."""

    field: str
    value: str
    owner: Candidate | None = None

    @property
    def key(self) -> str:
        return f"{self.field}:{self.value}"

    @property
    def label(self) -> str:
        return LABELS[self.field]

    @property
    def shown(self) -> str:
        return display_phone(self.value) if self.field == "phones" else self.value


def contact_offers(*, resume: Resume) -> list[Offer]:
    """What the resume could add to its candidate's profile: emails and phones the profile
    lacks, and a link for each empty link field (links never replace one already set).
    At most three queries, whatever the number of contacts."""
    candidate = resume.candidate
    have = {f"emails:{e.email}" for e in candidate.emails.all()}
    have |= {f"phones:{p.phone}" for p in candidate.phones.all()}
    offers, link_taken = [], set()
    for item in resume.found_contacts:
        field, value = item["field"], item["value"]
        if field in ("emails", "phones"):
            if f"{field}:{value}" not in have:
                offers.append(Offer(field, value))
        elif field in LINK_FIELDS and not getattr(candidate, field) and field not in link_taken:
            link_taken.add(field)  # only the first link of each kind: a field holds one
            offers.append(Offer(field, value))
    return _mark_owners(offers, candidate_id=candidate.pk)


def _mark_owners(offers: list[Offer], *, candidate_id: int) -> list[Offer]:
    """Attach the other candidate who already has each detail."""
    emails = [o.value for o in offers if o.field == "emails"]
    phones = [o.value for o in offers if o.field == "phones"]
    links = Q()
    for offer in offers:
        if offer.field in LINK_FIELDS:
            links |= Q(**{f"{offer.field}__iexact": offer.value})
    owners: dict[str, Candidate] = {}
    if emails:
        for row in (
            CandidateEmail.objects.filter(email__in=emails)
            .exclude(candidate_id=candidate_id)
            .select_related("candidate")
        ):
            owners[f"emails:{row.email}"] = row.candidate
    if phones:
        for row in (
            CandidatePhone.objects.filter(phone__in=phones)
            .exclude(candidate_id=candidate_id)
            .select_related("candidate")
        ):
            owners[f"phones:{row.phone}"] = row.candidate
    if links:
        for other in Candidate.objects.filter(links).exclude(pk=candidate_id):
            for field in LINK_FIELDS:
                if value := getattr(other, field):
                    owners.setdefault(f"{field}:{value}".lower(), other)
    return [Offer(o.field, o.value, owners.get(o.key.lower())) for o in offers]
