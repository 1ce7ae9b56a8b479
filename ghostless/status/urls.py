"""The candidate's own page under /status/<token>/: no login, the signed token authorizes."""

from django.urls import path

from ghostless.interviews import slot_views
from ghostless.status import views

app_name = "status"

urlpatterns = [
    path("<str:token>/", views.page, name="page"),
    path("<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:token>/consent/", views.consent, name="consent"),
    path("<str:token>/ask/", views.ask, name="ask"),
    path("<str:token>/fresh-link/", views.fresh_link, name="fresh_link"),
    path("<str:token>/slots/", slot_views.slot_pick, name="slot_pick"),
]
