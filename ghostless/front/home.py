from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from ghostless.interviews.kits import my_interviews


def home(request: HttpRequest) -> HttpResponse:
    """Recruiters start the day with who is waiting on them; hiring managers with their jobs;
    interviewers with the interviews they are on."""
    if request.user.sees_everything:
        return redirect("followups:queue")
    if request.user.is_interviewer:
        context = {
            "nav": "interviews",
            "interviews": my_interviews(request.user),
            "now": timezone.now(),
        }
        return TemplateResponse(request, "interviews/home.html", context)
    return redirect("jobs:list")
