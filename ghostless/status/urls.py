"""The candidate's own page under /status/<token>/: no login, the signed token authorizes."""

from django.urls import path

from ghostless.interviews import slot_views
from ghostless.offers import status_views as offer_views
from ghostless.status import details_views, views

app_name = "status"

urlpatterns = [
    # Before the token patterns, so no code is ever read as a token and an action.
    path("confirm-email/<str:code>/", details_views.confirm_email, name="confirm_email"),
    path("<str:token>/", views.page, name="page"),
    path("<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:token>/consent/", views.consent, name="consent"),
    path("<str:token>/ask/", views.ask, name="ask"),
    path("<str:token>/fresh-link/", views.fresh_link, name="fresh_link"),
    path("<str:token>/details/", details_views.details_update, name="details"),
    path("<str:token>/offer/accept/", offer_views.offer_accept, name="offer_accept"),
    path("<str:token>/offer/decline/", offer_views.offer_decline, name="offer_decline"),
    path("<str:token>/slots/", slot_views.slot_pick, name="slot_pick"),
]
