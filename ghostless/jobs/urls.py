from django.urls import path

from ghostless.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list_page, name="list"),
    path("new/", views.job_create_page, name="create"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/templates/<int:pk>/", views.template_page, name="template"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/edit/", views.job_edit_page, name="edit"),
    path("<int:pk>/board/", views.job_board, name="board"),
    path("<int:pk>/stages/", views.job_stages, name="stages"),
    path("<int:pk>/add/", views.add_candidate, name="add_candidate"),
    path("applications/<int:pk>/", views.application_page, name="application"),
    path("applications/<int:pk>/actions/", views.application_actions, name="actions"),
    path("applications/<int:pk>/move/", views.application_move, name="move"),
    path("applications/<int:pk>/reject/", views.application_reject, name="reject"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("applications/<int:pk>/hire/", views.application_hire, name="hire"),
    path("applications/<int:pk>/reopen/", views.application_reopen, name="reopen"),
]
