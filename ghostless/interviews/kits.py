"""The kit: what one interviewer needs for one interview, and who may open it."""

from django.db.models import Q
from django.http import Http404

from ghostless.accounts.models import User
from ghostless.careers.models import ApplicationAnswer
from ghostless.interviews.models import Attendee, AttendeeRole, Interview
from ghostless.interviews.plans import kit_plan
from ghostless.resumes.models import Resume


def access_interview(user: User, pk) -> Interview:
    """An interview whose kit the user may open: its attendees (any role; removed ones no
    more), recruiters and admins, and the job's hiring manager. 404 for anyone else."""
    interviews = Interview.objects.select_related(
        "application__candidate", "application__job", "stage", "planned"
    )
    if not user.sees_everything:
        attends = Attendee.objects.filter(user=user, removed_at__isnull=True)
        interviews = interviews.filter(
            Q(application__job__hiring_manager=user) | Q(pk__in=attends.values("interview_id"))
        )
    interview = interviews.filter(pk=pk).first()
    if interview is None:
        raise Http404("No such interview.")
    return interview


def current_resume(interview: Interview) -> Resume | None:
    """The candidate's current resume, the one the kit links to."""
    return (
        Resume.objects.filter(candidate_id=interview.application.candidate_id, is_current=True)
        .defer("text")
        .order_by("-uploaded_at", "-id")
        .first()
    )


def kit_context(interview: Interview) -> dict:
    """The kit's content: the plan, the candidate's answers and resume, and the panel."""
    attendees = list(interview.attendees.filter(removed_at__isnull=True).select_related("user"))
    return {
        "interview": interview,
        "application": interview.application,
        "candidate": interview.application.candidate,
        "plan": kit_plan(interview),
        "answers": list(
            ApplicationAnswer.objects.filter(application=interview.application).only(
                "label", "value"
            )
        ),
        "resume": current_resume(interview),
        "interviewers": [a for a in attendees if a.role == AttendeeRole.INTERVIEWER],
    }
