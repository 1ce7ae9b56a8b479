"""The signed links candidates click in email, under /c/ (no login); pools/urls.py mounts them."""

from django.urls import path

from ghostless.pools import public_views

urlpatterns = [
    path("keep-in-touch/<str:token>/", public_views.keep_in_touch, name="keep_in_touch"),
    path("unsubscribe/<str:token>/", public_views.unsubscribe, name="unsubscribe"),
]
