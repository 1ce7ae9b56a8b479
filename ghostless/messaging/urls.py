from django.urls import include, path

from ghostless.messaging import inbox_urls, views

app_name = "messaging"
email_urlpatterns = [
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("compose/<int:candidate_pk>/", views.compose, name="compose"),
    path("failed/", views.failed_list, name="failed"),
    path("messages/<int:pk>/retry/", views.message_retry, name="retry"),
    path(
        "candidates/<int:candidate_pk>/suppressions/<int:pk>/clear/",
        views.suppression_clear,
        name="suppression_clear",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]

urlpatterns = [
    path("email/", include(email_urlpatterns)),
    path("inbox/", include(inbox_urls.urlpatterns)),
]
