from django.urls import path

from ghostless.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("settings/webhooks/", views.webhook_list, name="list"),
    path("settings/webhooks/new/", views.webhook_create, name="create"),
    path("settings/webhooks/<int:pk>/", views.webhook_detail, name="detail"),
    path("settings/webhooks/<int:pk>/update/", views.webhook_update, name="update"),
    path("settings/webhooks/<int:pk>/rotate/", views.webhook_rotate, name="rotate"),
    path("settings/webhooks/<int:pk>/delete/", views.webhook_delete, name="delete"),
    path("settings/webhooks/<int:pk>/ping/", views.webhook_ping, name="ping"),
    path("settings/webhooks/deliveries/<int:pk>/resend/", views.delivery_resend, name="resend"),
]
