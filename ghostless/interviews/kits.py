"""The kit: what one interviewer needs for one interview, and who may open it."""

from django.shortcuts import get_object_or_404

from ghostless.accounts.models import User
from ghostless.careers.models import ApplicationAnswer
from ghostless.interviews.models import AttendeeRole, Interview
from ghostless.interviews.plans import kit_plan
from ghostless.interviews.selectors import interviews_visible_to
from ghostless.resumes.models import Resume


def access_interview(user: User, pk) -> Interview:
    """An interview whose kit the user may open: whoever may see it
    (`selectors.interviews_visible_to`: its attendees, not removed ones, recruiters and
    admins, the job's hiring manager). 404 for anyone else."""
    interviews = interviews_visible_to(user).select_related(
        "application__candidate", "application__job", "stage", "planned"
    )
    return get_object_or_404(interviews, pk=pk)


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
