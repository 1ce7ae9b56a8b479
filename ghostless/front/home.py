from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    """Recruiters start the day with who is waiting on them; hiring managers with their jobs;
    interviewers with the interviews they are on."""
    if request.user.sees_everything:
        return redirect("followups:queue")
    if request.user.is_interviewer:
        return redirect("interviews:mine")
    return redirect("jobs:list")
