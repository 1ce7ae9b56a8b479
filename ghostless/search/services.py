"""Writes from the search page: acting on a selection, and saved searches."""

from django.db import transaction

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, Tag
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.core.permissions import check_recruiter
from ghostless.jobs.models import Application, Job
from ghostless.jobs.services import application_create
from ghostless.search.index import candidate_reindex
from ghostless.search.models import SavedSearch

TAG_MAX = Tag._meta.get_field("name").max_length


def job_add_candidates(*, job: Job, candidates: list[Candidate], actor: User) -> tuple[int, int]:
    """Put the selection on the job at its first stage, skipping those already on it.
    Returns (added, already there); each addition is on the candidate's timeline."""
    check_recruiter(actor, "add candidates to jobs")
    with transaction.atomic():
        already = set(
            Application.objects.filter(job=job, candidate__in=candidates).values_list(
                "candidate_id", flat=True
            )
        )
        added = [c for c in candidates if c.pk not in already]
        for candidate in added:
            application_create(candidate=candidate, job=job, actor=actor)
    return len(added), len(candidates) - len(added)


def candidates_tag(*, candidates: list[Candidate], name: str, actor: User) -> int:
    """Add one tag to every candidate of the selection; returns how many did not have it."""
    check_recruiter(actor, "tag candidates")
    name = name.strip().lower()
    if not name:
        raise DomainError("Type the tag to add.", field="tag")
    if len(name) > TAG_MAX:
        raise DomainError(f"Keep tags under {TAG_MAX} characters.", field="tag")
    through = Candidate.tags.through
    with transaction.atomic():
        tag, _ = Tag.objects.get_or_create(name=name)
        tagged = set(
            through.objects.filter(tag=tag, candidate__in=candidates).values_list(
                "candidate_id", flat=True
            )
        )
        new = [through(candidate_id=c.pk, tag=tag) for c in candidates if c.pk not in tagged]
        through.objects.bulk_create(new, ignore_conflicts=True)
        candidate_reindex(row.candidate_id for row in new)
    return len(new)


def saved_search_save(*, owner: User, name: str, query: str) -> tuple[SavedSearch, bool]:
    """Keep the query string under a name; the same name again replaces the query.
    Returns (saved search, created)."""
    name = " ".join(name.split())
    if not name:
        raise DomainError("Name the search to save it.", field="name")
    if len(name) > 100:
        raise DomainError("Keep the name under 100 characters.", field="name")
    if len(query) > 1000:
        raise DomainError("This search is too long to save.", field="query")
    return SavedSearch.objects.update_or_create(owner=owner, name=name, defaults={"query": query})


def saved_search_delete(*, saved_search: SavedSearch, actor: User) -> None:
    if saved_search.owner_id != actor.pk:
        raise PermissionDenied("You can delete only your own saved searches.")
    saved_search.delete()
