"""Making searchable people through the services, and asking who a search finds."""

from django.core.files.base import ContentFile

from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_create
from ghostless.resumes.models import Resume
from ghostless.search.index import candidate_reindex
from ghostless.search.selectors import SearchFilters, candidate_search


def add_person(actor, **fields) -> Candidate:
    """Every text field given, so nothing random can match a search by chance."""
    for name in ("last_name", "location", "current_title", "current_company", "source"):
        fields.setdefault(name, "")
    return candidate_create(actor=actor, **fields)


def set_resume_text(candidate: Candidate, text: str) -> Resume:
    """As if a resume had been uploaded and read: the text set directly, then reindexed."""
    resume = Resume.objects.create(
        candidate=candidate,
        file=ContentFile(b"%PDF-1.4", name="cv.pdf"),
        original_filename="cv.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
        text=text,
        parse_status="parsed",
    )
    candidate_reindex([candidate.pk])
    return resume


def found(user, q: str = "", **filters) -> set[str]:
    """First names of the candidates the search finds."""
    result = candidate_search(user=user, q=q, filters=SearchFilters(**filters))
    ids = [pk for pk, _ in result.hits]
    return set(Candidate.objects.filter(pk__in=ids).values_list("first_name", flat=True))


def ranked_names(user, q: str) -> list[str]:
    result = candidate_search(user=user, q=q, filters=SearchFilters())
    names = dict(Candidate.objects.values_list("pk", "first_name"))
    return [names[pk] for pk, _ in result.hits]
