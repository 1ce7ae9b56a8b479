"""Reads for resumes, with the permission check built in."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import candidates_visible_to
from ghostless.resumes.models import Resume


def candidate_resumes(*, candidate: Candidate) -> QuerySet[Resume]:
    """Every version, newest first, without the text (up to a megabyte each)."""
    return (
        Resume.objects.filter(candidate=candidate)
        .defer("text")
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )


def access_resume(user: User, pk) -> Resume:
    """A resume of a candidate the user may see; 404 otherwise."""
    visible = Resume.objects.filter(candidate__in=candidates_visible_to(user)).defer("text")
    return get_object_or_404(visible.select_related("candidate"), pk=pk)
