from django.urls import path

from ghostless.team import views

app_name = "team"
urlpatterns = [
    path("settings/team/", views.team_page, name="list"),
    path("settings/team/invite/", views.team_invite, name="invite"),
    path("settings/team/<int:pk>/", views.member_page, name="member"),
    path("settings/team/<int:pk>/update/", views.member_update, name="update"),
    path("settings/team/<int:pk>/resend/", views.member_resend, name="resend"),
    path("settings/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("invitation/<str:token>/", views.invitation_accept, name="accept"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
