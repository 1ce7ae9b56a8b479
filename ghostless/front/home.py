from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    """Recruiters start the day with who is waiting on them; hiring managers with their jobs."""
    if request.user.sees_everything:
        return redirect("followups:queue")
    return redirect("jobs:list")
