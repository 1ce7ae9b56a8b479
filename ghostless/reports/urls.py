from django.urls import path

from ghostless.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ghosting/", views.ghosting, name="ghosting"),
    path("funnel/", views.funnel, name="funnel"),
    path("sources/", views.sources, name="sources"),
    path("time-in-stage/", views.time_in_stage, name="time_in_stage"),
    path("activity/", views.activity, name="activity"),
    path("time-to-hire/", views.time_to_hire, name="time_to_hire"),
]
