from django.urls import path

from ghostless.jobs import views

# The job page, the board and applications combine apps: front/urls.py adds them here.
app_name = "jobs"
urlpatterns = [
    path("", views.job_list_page, name="list"),
    path("lookup/", views.job_lookup, name="lookup"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/templates/<int:pk>/", views.template_page, name="template"),
    path("<int:pk>/stages/", views.job_stages, name="stages"),
]
