"""The bell's menu, the notifications page, and marking them read. Everyone has their own."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from ghostless.core.web import paginate, require_hiring_team
from ghostless.notifications import services
from ghostless.notifications.selectors import (
    MENU_SIZE,
    access_notification,
    mentionable_users,
    notifications_for,
    unread_count,
    with_links,
)


def _context(request: HttpRequest, **extra) -> dict:
    return {"unread": unread_count(request.user), **extra}


def notification_list(request: HttpRequest) -> HttpResponse:
    """The page of every notification; the bell asks for its menu (the newest few)."""
    rows = notifications_for(user=request.user)
    if request.htmx and request.htmx.target == "bell-menu":
        context = _context(request, notifications=with_links(rows[:MENU_SIZE]), menu=True)
        return TemplateResponse(request, "notifications/_menu.html", context)
    page = paginate(request, rows)
    page.object_list = with_links(page.object_list)
    context = _context(request, page=page, notifications=page.object_list, nav="notifications")
    return TemplateResponse(request, "notifications/list.html", context)


def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification: it is read, and the user lands on what it is about."""
    notification = access_notification(request.user, pk)
    services.notification_read(user=request.user, notification=notification)
    return redirect(with_links([notification])[0].link)


def _back(request: HttpRequest) -> str:
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()})
    return back if back.startswith("/") and safe else "/notifications/"


def _after_read(request: HttpRequest) -> HttpResponse:
    if request.htmx:
        rows = notifications_for(user=request.user)
        menu = request.POST.get("menu") == "1"
        rows = rows[:MENU_SIZE] if menu else paginate(request, rows).object_list
        context = _context(request, notifications=with_links(rows), menu=menu, oob=True)
        return TemplateResponse(request, "notifications/_menu.html", context)
    return redirect(_back(request))


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = access_notification(request.user, pk)
    services.notification_read(user=request.user, notification=notification)
    return _after_read(request)


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_read_all(user=request.user)
    return _after_read(request)


@require_GET
def people(request: HttpRequest) -> JsonResponse:
    """Who a note can mention, for the @ typeahead of the log form."""
    require_hiring_team(request)
    users = mentionable_users(user=request.user)
    return JsonResponse({"people": [{"username": u.username, "name": u.name} for u in users]})
