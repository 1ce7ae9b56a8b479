"""Load test: recruiters browsing pages and calling the API against gunicorn on loopback.

See docs/performance.md for the whole recipe. In short, on a generated data set:

    .venv/bin/python manage.py create_user bench-load --role recruiter --password bench-load-pw
    export GHOSTLESS_TOKEN=$(.venv/bin/python manage.py create_api_token bench-load | tail -1)
    .venv/bin/gunicorn ghostless.wsgi -w 2 -b 127.0.0.1:8000 &
    .venv/bin/locust -f bench/load.py --headless -u 20 -r 5 -t 60s --host http://127.0.0.1:8000

Each simulated recruiter logs in, then keeps opening pages and calling the API with a short
think time. At the end it prints requests per second, p50/p95/p99 and the errors.
"""

import os
import random
import re

from locust import HttpUser, between, events, task

USERNAME = os.environ.get("GHOSTLESS_USER", "bench-load")
PASSWORD = os.environ.get("GHOSTLESS_PASSWORD", "bench-load-pw")
TOKEN = os.environ.get("GHOSTLESS_TOKEN", "")
SEARCH_WORDS = ["kubernetes", "engineer", "zymurgy", "python", "berlin", "designer", "sales"]


class Recruiter(HttpUser):
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        if not TOKEN:
            raise RuntimeError("Set GHOSTLESS_TOKEN (manage.py create_api_token USER | tail -1).")
        self.api = {"Authorization": f"Bearer {TOKEN}"}
        page = self.client.get("/login/", name="/login/").text
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.client.post(
            "/login/",
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
            name="/login/",
        )
        offset = random.randint(0, 2000)
        candidates = self.client.get(
            f"/api/v1/candidates?limit=100&offset={offset}", headers=self.api, name="setup"
        ).json()
        jobs = self.client.get("/api/v1/jobs?limit=100&status=open", headers=self.api, name="setup")
        self.candidates = [c["id"] for c in candidates["items"]] or [1]
        self.jobs = [j["id"] for j in jobs.json()["items"]] or [1]

    # Pages

    @task(3)
    def candidate_list(self) -> None:
        self.client.get(f"/candidates/?owner={USERNAME}&status=active", name="/candidates/?filters")

    @task(4)
    def profile(self) -> None:
        self.client.get(f"/candidates/{random.choice(self.candidates)}/", name="/candidates/[id]/")

    @task(2)
    def job_page(self) -> None:
        self.client.get(f"/jobs/{random.choice(self.jobs)}/", name="/jobs/[id]/")

    @task(2)
    def followups(self) -> None:
        self.client.get("/followups/", name="/followups/")

    @task(2)
    def search_page(self) -> None:
        self.client.get(f"/search/?q={random.choice(SEARCH_WORDS)}", name="/search/?q=")

    # API

    @task(3)
    def api_candidate(self) -> None:
        pk = random.choice(self.candidates)
        self.client.get(f"/api/v1/candidates/{pk}", headers=self.api, name="api candidate")

    @task(2)
    def api_timeline(self) -> None:
        pk = random.choice(self.candidates)
        self.client.get(f"/api/v1/candidates/{pk}/timeline", headers=self.api, name="api timeline")

    @task(1)
    def api_applications(self) -> None:
        pk = random.choice(self.jobs)
        self.client.get(
            f"/api/v1/jobs/{pk}/applications", headers=self.api, name="api applications"
        )

    @task(1)
    def api_search(self) -> None:
        word = random.choice(SEARCH_WORDS)
        self.client.get(f"/api/v1/search?q={word}", headers=self.api, name="api search")

    @task(1)
    def api_followups(self) -> None:
        self.client.get("/api/v1/followups", headers=self.api, name="api followups")


@events.quitting.add_listener
def summary(environment, **kwargs) -> None:
    total = environment.stats.total
    print(
        f"\nrequests/s {total.total_rps:.1f}  p50 {total.get_response_time_percentile(0.5):.0f} ms"
        f"  p95 {total.get_response_time_percentile(0.95):.0f} ms"
        f"  p99 {total.get_response_time_percentile(0.99):.0f} ms"
        f"  requests {total.num_requests}  errors {total.num_failures}"
    )
