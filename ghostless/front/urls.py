"""The pages that combine apps, under the namespaces of the records they show: the root URLconf
adds them to `candidates` and `jobs`, so their names and paths are those users already have."""

from django.urls import path

from ghostless.front import applications, board, candidate_list, job_page, profile

candidate_urlpatterns = [
    path("", candidate_list.candidate_list_page, name="list"),
    path("<int:pk>/", profile.candidate_detail, name="detail"),
    path("<int:pk>/log/", profile.activity_log_create, name="log"),
    path("<int:pk>/duplicates/", profile.candidate_duplicates, name="duplicates"),
]

job_urlpatterns = [
    path("new/", job_page.job_create_page, name="create"),
    path("<int:pk>/", job_page.job_detail, name="detail"),
    path("<int:pk>/edit/", job_page.job_edit_page, name="edit"),
    path("<int:pk>/board/", board.job_board, name="board"),
    path("<int:pk>/add/", job_page.add_candidate, name="add_candidate"),
    path("applications/<int:pk>/", applications.application_page, name="application"),
    path("applications/<int:pk>/actions/", applications.application_actions, name="actions"),
    path("applications/<int:pk>/move/", applications.application_move, name="move"),
    path("applications/<int:pk>/move/undo/", applications.application_move_undo, name="move_undo"),
    path("applications/<int:pk>/reject/", applications.application_reject, name="reject"),
    path("applications/<int:pk>/withdraw/", applications.application_withdraw, name="withdraw"),
    path("applications/<int:pk>/hire/", applications.application_hire, name="hire"),
    path("applications/<int:pk>/reopen/", applications.application_reopen, name="reopen"),
]
