from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from ghostless.accounts import login_views, oidc
from ghostless.api.api import api
from ghostless.candidates import urls as candidate_urls
from ghostless.core import views as core_views
from ghostless.front import capture, home, linkedin
from ghostless.front import urls as front_urls
from ghostless.interviews.feed_views import calendar_feed
from ghostless.jobs import urls as job_urls
from ghostless.merges import urls as merge_urls


def _token_authenticated(urls):
    """The API authenticates with its own tokens: none of its views asks for the login page."""
    for pattern in urls[0]:
        login_not_required(pattern.callback)
    return urls


urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    # Unnamespaced, as settings.LOGIN_URL and base.html name them.
    path("login/", login_views.LoginView.as_view(), name="login"),
    path("login/verify/", login_views.login_verify, name="login_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/", include(oidc.urlpatterns)),
    path("", include("ghostless.accounts.urls")),
    # LinkedIn in one click: the bookmarklet's page and the extension's download.
    path("capture/", capture.capture_page, name="capture"),
    path(
        "settings/linkedin-extension.zip",
        linkedin.extension_download,
        name="linkedin_extension",
    ),
    path("", include("ghostless.team.urls")),
    path("", include("ghostless.timeline.urls")),
    # A record's pages and the pages that combine apps around it share its namespace.
    path(
        "candidates/",
        include(
            (
                candidate_urls.urlpatterns
                + front_urls.candidate_urlpatterns
                + merge_urls.urlpatterns,
                "candidates",
            ),
        ),
    ),
    path("jobs/", include((job_urls.urlpatterns + front_urls.job_urlpatterns, "jobs"))),
    path("jobs/", include("ghostless.search.suggestion_urls")),
    path("search/", include("ghostless.search.urls")),
    path("loop/", include("ghostless.loop.urls")),
    path("followups/", include("ghostless.followups.urls")),
    path("notifications/", include("ghostless.notifications.urls")),
    path("interviews/", include("ghostless.interviews.urls")),
    path("status/", include("ghostless.status.urls")),
    path("offers/", include("ghostless.offers.urls")),
    path("imports/", include("ghostless.imports.urls")),
    path("calendar/<str:secret>.ics", calendar_feed, name="calendar_feed"),
    path("", include("ghostless.messaging.urls")),
    path("", include("ghostless.pools.urls")),
    path("", include("ghostless.privacy.urls")),
    path("careers/", include("ghostless.careers.urls")),
    path("resumes/", include("ghostless.resumes.urls")),
    path("reports/", include("ghostless.reports.urls")),
    path("", include("ghostless.webhooks.urls")),
    path("texts/", include("ghostless.texts.urls")),
    path("api/v1/", _token_authenticated(api.urls)),
    path("api/openapi.json", core_views.openapi_redirect),
]
