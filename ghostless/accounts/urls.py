from django.urls import path

from ghostless.accounts import login_views, security_views, views

app_name = "accounts"
urlpatterns = [
    path("people/lookup/", views.people_lookup, name="people_lookup"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/", views.token_create, name="token_create"),
    path("settings/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("settings/two-factor/", security_views.two_factor_page, name="two_factor"),
    path(
        "settings/sign-out-everywhere/",
        login_views.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
    path("settings/security/", security_views.security_page, name="security"),
    path("settings/security/unlock/", security_views.lock_lift, name="lock_lift"),
]
