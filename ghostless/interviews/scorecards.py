"""Scorecards: submitting and amending one interviewer's feedback, and reading them under the
independent-feedback rule (an interviewer sees the others' only after submitting their own)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError, PermissionDenied
from ghostless.followups.models import OPEN_STATES, FollowUp, Reason, State
from ghostless.interviews import events
from ghostless.interviews.models import (
    Attendee,
    AttendeeRole,
    Interview,
    InterviewStatus,
    Level,
    Recommendation,
    Scorecard,
    ScorecardRevision,
)
from ghostless.interviews.plans import kit_plan
from ghostless.jobs.models import Application
from ghostless.jobs.selectors import applications_visible_to

NOTES_LENGTH = 10_000
LEVELS = dict(Level.choices)


def interviewer_of(interview: Interview, user: User) -> bool:
    """On the interview as an interviewer, and not removed from it."""
    return Attendee.objects.filter(
        interview=interview, user=user, role=AttendeeRole.INTERVIEWER, removed_at__isnull=True
    ).exists()


def _text(value, *, field: str) -> str:
    if not isinstance(value, str):
        raise DomainError("Write the notes as text.", field=field)
    if len(value) > NOTES_LENGTH:
        raise DomainError(f"Keep it to {NOTES_LENGTH:,} characters.", field=field)
    return value.strip()


def _clean_ratings(ratings, attributes: list[str]) -> dict[str, str]:
    """Every focus attribute rated; one left out is "not assessed"."""
    if not isinstance(ratings, dict):
        raise DomainError("Give the ratings as {attribute: level}.", field="ratings")
    unknown = [name for name in ratings if name not in attributes]
    if unknown:
        raise DomainError(
            f"{unknown[0]} is not a focus attribute of this interview.", field="ratings"
        )
    levels = {name: ratings.get(name) or Level.NOT_ASSESSED for name in attributes}
    wrong = [name for name, level in levels.items() if level not in Level.values]
    if wrong:
        raise DomainError(f"Rate {wrong[0]} as one of: {', '.join(Level.values)}.", field="ratings")
    return {name: str(level) for name, level in levels.items()}


def _clean_notes(notes, questions: list[str]) -> dict[str, str]:
    """{question: notes}; plain text is notes that answer no one question (the key "")."""
    if isinstance(notes, str):
        notes = {"": notes}
    if not isinstance(notes, dict):
        raise DomainError("Give the notes as text or {question: notes}.", field="notes")
    cleaned = {}
    for question, text in notes.items():
        if question and question not in questions:
            raise DomainError(f"{question[:80]} is not a question of this plan.", field="notes")
        if text := _text(text, field="notes"):
            cleaned[question] = text
    return cleaned


def scorecard_submit(
    *,
    interview: Interview,
    actor: User,
    ratings: dict,
    recommendation: str,
    notes: dict | str,
    takeaways: str = "",
) -> Scorecard:
    """Submit, or amend, the actor's scorecard for an interview.

    1. Only an interviewer still on the interview may; a cancelled interview takes none.
    2. Ratings must name the plan's focus attributes and the levels of `Level`.
    3. An amendment first keeps what the card said as a ScorecardRevision.
    4. The timeline gets a private entry, and the actor's feedback_due follow-ups for this
       interview close at once.
    """
    if not interviewer_of(interview, actor):
        raise PermissionDenied(
            "Only the interviewers of this interview can submit its scorecard.", field="interview"
        )
    if interview.status == InterviewStatus.CANCELLED:
        raise DomainError("This interview was cancelled; it takes no scorecard.", field="interview")
    plan = kit_plan(interview)
    attributes = plan.attributes if plan else []
    content = {
        "ratings": _clean_ratings(ratings, attributes),
        "notes": _clean_notes(notes, plan.questions if plan else []),
        "takeaways": _text(takeaways or "", field="takeaways"),
    }
    if recommendation not in Recommendation.values:
        raise DomainError(
            f"Recommend one of: {', '.join(Recommendation.values)}.", field="recommendation"
        )
    content["recommendation"] = recommendation
    now = timezone.now()
    with transaction.atomic():
        card = (
            Scorecard.objects.select_for_update()
            .filter(interview=interview, interviewer=actor)
            .first()
        )
        amended = card is not None
        if card is None:
            card = Scorecard.objects.create(
                interview=interview,
                application_id=interview.application_id,
                interviewer=actor,
                submitted_at=now,
                updated_at=now,
                **content,
            )
        else:
            ScorecardRevision.objects.create(
                scorecard=card,
                ratings=card.ratings,
                recommendation=card.recommendation,
                notes=card.notes,
                takeaways=card.takeaways,
                written_at=card.updated_at,
                replaced_at=now,
            )
            for name, value in content.items():
                setattr(card, name, value)
            card.updated_at = now
            card.save(update_fields=[*content, "updated_at"])
        card.interview = interview
        events.scorecard_submitted(scorecard=card, amended=amended)
        FollowUp.objects.filter(
            reason=Reason.FEEDBACK_DUE,
            interview=interview,
            assignee=actor,
            state__in=OPEN_STATES,
        ).update(state=State.DONE, closed_by=actor, closed_at=now)
    return card


# Reads.


def sees_all_feedback(*, application: Application, user: User) -> bool:
    """Recruiters and admins always; the hiring manager on their own jobs."""
    return user.sees_everything or application.job.hiring_manager_id == user.pk


def visible_scorecards(*, application: Application, user: User) -> QuerySet[Scorecard]:
    """The application's scorecards this user may read. Anyone else on the panel (an
    interviewer, or a manager interviewing on another's job) reads the others' only once
    they have submitted their own; before that, none."""
    cards = Scorecard.objects.filter(application=application)
    if sees_all_feedback(application=application, user=user):
        return cards
    return cards.filter(Exists(Scorecard.objects.filter(application=application, interviewer=user)))


def access_feedback_application(user: User, pk) -> Application:
    """An application whose feedback the user may ask for: one they may see, or one they
    interview on. 404 otherwise."""
    applications = applications_visible_to(user)
    if not user.sees_everything:
        attends = Attendee.objects.filter(
            interview__application=OuterRef("pk"), user=user, removed_at__isnull=True
        )
        mine = Q(pk__in=applications.values("pk"))
        applications = Application.objects.filter(mine | Q(Exists(attends)))
    return get_object_or_404(applications.select_related("job", "candidate"), pk=pk)


@dataclass
class FeedbackSummary:
    """What the Feedback section shows: the cards, recommendations counted, each attribute's
    ratings side by side (rows attributes, one column per card), and who still owes a card."""

    cards: list[Scorecard]
    recommendations: list[tuple[str, str, int]] = field(default_factory=list)
    attributes: list[tuple[str, list[str]]] = field(default_factory=list)
    owed: list[Attendee] = field(default_factory=list)
    submitted_own: bool = False


def feedback_summary(*, application: Application, user: User) -> FeedbackSummary:
    """Three queries whatever the number of interviews and cards."""
    cards = list(
        visible_scorecards(application=application, user=user)
        .select_related("interviewer", "interview__planned")
        .prefetch_related(Prefetch("revisions", to_attr="earlier"))
        .order_by("interview__starts_at", "submitted_at", "id")
    )
    counted = Counter(card.recommendation for card in cards)
    names: list[str] = []
    for card in cards:
        # In the plan's order: PostgreSQL's jsonb keeps no key order.
        planned = card.interview.planned.attributes if card.interview.planned_id else []
        order = [n for n in planned if n in card.ratings] + sorted(set(card.ratings) - set(planned))
        names += [name for name in order if name not in names]
    now = timezone.now()
    owing = (
        Attendee.objects.filter(
            interview__application=application,
            role=AttendeeRole.INTERVIEWER,
            removed_at__isnull=True,
            interview__starts_at__lte=now,
        )
        .exclude(interview__status=InterviewStatus.CANCELLED)
        .exclude(
            Exists(
                Scorecard.objects.filter(
                    interview_id=OuterRef("interview_id"), interviewer_id=OuterRef("user_id")
                )
            )
        )
        .select_related("interview", "user")
        .order_by("interview__starts_at", "id")
    )
    return FeedbackSummary(
        cards=cards,
        recommendations=[(value, label, counted[value]) for value, label in Recommendation.choices],
        attributes=[
            (
                name,
                [
                    (card.ratings.get(name, ""), LEVELS.get(card.ratings.get(name), "—"))
                    for card in cards
                ],
            )
            for name in names
        ],
        owed=[a for a in owing if a.interview.ends_at <= now],
        submitted_own=any(card.interviewer_id == user.pk for card in cards),
    )
