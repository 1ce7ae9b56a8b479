from django.urls import path

from ghostless.offers import views

app_name = "offers"

urlpatterns = [
    path("<int:pk>/", views.offer_page, name="detail"),
    path("new/<int:application_id>/", views.offer_new, name="new"),
    path("application/<int:application_id>/", views.for_application, name="for_application"),
    path("<int:pk>/edit/", views.offer_edit, name="edit"),
    path("<int:pk>/submit/", views.offer_submit, name="submit"),
    path("<int:pk>/approve/", views.offer_approve, name="approve"),
    path("<int:pk>/reject/", views.offer_reject, name="reject"),
    path("<int:pk>/send/", views.offer_send, name="send"),
    path("<int:pk>/withdraw/", views.offer_withdraw, name="withdraw"),
    path("jobs/<int:pk>/settings/", views.job_policy, name="job_policy"),
    path("templates/<int:pk>/settings/", views.template_policy, name="template_policy"),
]
