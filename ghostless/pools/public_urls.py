from django.urls import path

from ghostless.pools import public_views

app_name = "pools"
urlpatterns = [
    path("keep-in-touch/<str:token>/", public_views.keep_in_touch, name="keep_in_touch"),
    path("unsubscribe/<str:token>/", public_views.unsubscribe, name="unsubscribe"),
]
