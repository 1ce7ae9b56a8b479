from django.urls import path

from ghostless.interviews import views

app_name = "interviews"

# Each part of issue 17 adds its pages here (the kit, scorecards, scheduling, My interviews).
urlpatterns: list = [
    path("<int:pk>/kit/", views.kit, name="kit"),
    path("<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("plans/templates/<int:pk>/", views.template_plan, name="template_plan"),
    path("plans/jobs/<int:pk>/", views.job_plan, name="job_plan"),
]
