from django.urls import path

from ghostless.followups import views

app_name = "followups"
urlpatterns = [
    path("", views.queue_page, name="queue"),
    path("team/", views.team_page, name="team"),
    path("rules/", views.rules_page, name="rules"),
    path("<int:pk>/done/", views.followup_done, name="done"),
    path("<int:pk>/snooze/", views.followup_snooze, name="snooze"),
    path("remind/<int:candidate_pk>/", views.remind, name="remind"),
]
