from django.urls import path

from ghostless.interviews import my_interviews, scheduling_views, slot_views, views

app_name = "interviews"

urlpatterns = [
    path("", my_interviews.my_interviews_page, name="mine"),
    path("calendar/new/", my_interviews.calendar_feed_new, name="feed_new"),
    path("calendar/off/", my_interviews.calendar_feed_off, name="feed_off"),
    path("schedule/<int:pk>/", scheduling_views.interview_schedule_page, name="schedule"),
    path("schedule/<int:pk>/slots/", slot_views.slot_offer_new, name="offer_slots"),
    path("slot-offers/<int:pk>/", slot_views.slot_offer_page, name="slot_offer"),
    path("slot-offers/<int:pk>/resend/", slot_views.slot_offer_resend, name="slot_offer_resend"),
    path("slot-offers/<int:pk>/cancel/", slot_views.slot_offer_cancel, name="slot_offer_cancel"),
    path("<int:pk>/", scheduling_views.interview_page, name="detail"),
    path("<int:pk>/cancel/", scheduling_views.interview_cancel_page, name="cancel"),
    path("<int:pk>/kit/", views.kit, name="kit"),
    path("<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("plans/templates/<int:pk>/", views.template_plan, name="template_plan"),
    path("plans/jobs/<int:pk>/", views.job_plan, name="job_plan"),
]
