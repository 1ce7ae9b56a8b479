"""What a candidate's search document is made of: labelled original texts, each in a weight group.

Indexing normalizes them; snippets read them again (for one page of hits) to show where a
query matched, so the original text is never stored twice.
"""

from collections import defaultdict
from dataclasses import dataclass

import phonenumbers
from django.db.models import OuterRef, Q, Subquery

from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.resumes.models import ParseStatus, Resume
from ghostless.timeline.models import Activity, Kind

# Weight groups, best first; hiring managers search GROUPS_FOR_EVERYONE only, because notes
# may belong to other jobs' pipelines, which they must not learn about.
GROUPS = ("a", "b", "c", "d")
GROUPS_FOR_EVERYONE = ("a", "b", "c")
# Bounds the index on both databases alike (a tsvector holds at most 1 MB).
MAX_GROUP_CHARS = 200_000


@dataclass(frozen=True)
class Field:
    group: str
    label: str
    text: str
    # Index-only variants that the text does not show, e.g. a phone's digits.
    variants: str = ""


def phone_field(e164: str) -> Field:
    """Shown in international format; also found by its digits with or without the country
    code, and in national format."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return Field("a", "Phone", e164)
    shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = "".join(ch for ch in e164 if ch.isdigit())
    return Field("a", "Phone", shown, f"{digits} {number.national_number} {national}")


def candidate_fields(
    *, ids=None, id_range: tuple[int, int] | None = None
) -> dict[int, list[Field]]:
    """The fields of the candidates with these ids (or ids in [low, high]), six queries."""
    if id_range is not None:
        low, high = id_range
        own, related = (
            Q(pk__gte=low, pk__lte=high),
            Q(candidate_id__gte=low, candidate_id__lte=high),
        )
    else:
        ids = list(ids)
        own, related = Q(pk__in=ids), Q(candidate_id__in=ids)
    fields: dict[int, list[Field]] = {}
    rows = Candidate.objects.filter(own).values_list(
        "pk",
        "first_name",
        "last_name",
        "current_title",
        "current_company",
        "skills",
        "location",
        "custom_fields",
    )
    for pk, first, last, title, company, skills, location, custom in rows.order_by():
        fields[pk] = [Field("a", "Name", f"{first} {last}".strip())]
        fields[pk] += [
            Field("b", label, text)
            for label, text in (("Title", title), ("Company", company), ("Skills", skills))
            if text
        ]
        if location:
            fields[pk].append(Field("c", "Location", location))
        for name, value in (custom or {}).items():
            if value not in (None, ""):
                fields[pk].append(Field("c", str(name), str(value)))
    extra: dict[int, list[Field]] = defaultdict(list)
    for pk, email in CandidateEmail.objects.filter(related).values_list("candidate_id", "email"):
        extra[pk].append(Field("a", "Email", email))
    for pk, phone in CandidatePhone.objects.filter(related).values_list("candidate_id", "phone"):
        extra[pk].append(phone_field(phone))
    tags = Candidate.tags.through.objects.filter(related).values_list("candidate_id", "tag__name")
    for pk, name in tags.order_by("tag__name"):
        extra[pk].append(Field("b", "Tag", name))
    # The newest resume whose text was read: a newer one that failed, or is still being read,
    # must not blank what the candidate is found by.
    read = Resume.objects.filter(parse_status=ParseStatus.PARSED).exclude(text="")
    newest_read = read.filter(candidate_id=OuterRef("candidate_id")).order_by("-uploaded_at", "-id")
    resumes = read.filter(related, pk=Subquery(newest_read.values("pk")[:1]))
    for pk, text in resumes.values_list("candidate_id", "text"):
        extra[pk].append(Field("c", "Resume", text))
    notes = Activity.objects.filter(related, kind=Kind.NOTE, private=False).exclude(body="")
    for pk, body in notes.order_by("-occurred_at", "-id").values_list("candidate_id", "body"):
        extra[pk].append(Field("d", "Note", body))
    for pk, more in extra.items():
        if pk in fields:
            fields[pk] += more
    return fields


def group_texts(fields: list[Field]) -> dict[str, str]:
    """Raw text per group, in field order, cut at MAX_GROUP_CHARS."""
    parts: dict[str, list[str]] = {group: [] for group in GROUPS}
    for field in fields:
        parts[field.group].append(field.text)
        if field.variants:
            parts[field.group].append(field.variants)
    return {group: "\n".join(texts)[:MAX_GROUP_CHARS] for group, texts in parts.items()}
