"""Every URL pattern, for every role, GET and POST, with ids of objects out of that role's
reach: anonymous visitors go to the login page, hiring managers are refused (403, 404, or
405 for a method the view does not take), nobody gets a 500. A new URL fails here until its
parameters are known, and a page may let a role in only where a list below says why."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.permissions.world import ROLES, client_for

REFUSED = {403, 404, 405}


def _patterns(resolver=None, prefix: str = "", namespace: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace or ""
            yield from _patterns(
                entry, prefix + str(entry.pattern), inner if entry.namespace else namespace
            )
        elif isinstance(entry, URLPattern):
            name = (
                f"{namespace}:{entry.name}"
                if namespace
                else entry.name or prefix + str(entry.pattern)
            )
            yield name, prefix + str(entry.pattern)


URLS = dict(_patterns())
API = {name for name in URLS if name.startswith("api:") or URLS[name].startswith("api/")}
PAGES = sorted(set(URLS) - API)

# What each path parameter names, per URL.
CANDIDATE = {"pk": "candidate"}
JOB = {"pk": "job"}
APPLICATION = {"pk": "application"}
PARAMS = {
    "accounts:token_revoke": {"pk": "token"},
    "candidates:detail": CANDIDATE,
    "candidates:edit": CANDIDATE,
    "candidates:do_not_contact": CANDIDATE,
    "candidates:log": CANDIDATE,
    "candidates:duplicates": CANDIDATE,
    "candidates:merge": {"pk": "candidate", "other_pk": "other_candidate"},
    "candidates:duplicate_dismiss": {"pk": "candidate", "other_pk": "other_candidate"},
    "jobs:template": {"pk": "pipeline"},
    "jobs:detail": JOB,
    "jobs:edit": JOB,
    "jobs:board": JOB,
    "jobs:stages": JOB,
    "jobs:add_candidate": JOB,
    "jobs:application": APPLICATION,
    "jobs:actions": APPLICATION,
    "jobs:move": APPLICATION,
    "jobs:move_undo": APPLICATION,
    "jobs:reject": APPLICATION,
    "jobs:withdraw": APPLICATION,
    "jobs:hire": APPLICATION,
    "jobs:reopen": APPLICATION,
    "suggestions:list": JOB,
    "suggestions:add": {"pk": "job", "candidate_pk": "candidate"},
    "search:saved_delete": {"pk": "saved"},
    "loop:close": JOB,
    "loop:skip": APPLICATION,
    "loop:retry": {"pk": "message"},
    "followups:done": {"pk": "followup"},
    "followups:snooze": {"pk": "followup"},
    "followups:remind": {"candidate_pk": "candidate"},
    "messaging:template_edit": {"pk": "template"},
    "messaging:compose": {"candidate_pk": "candidate"},
    "messaging:retry": {"pk": "message"},
    "messaging:suppression_clear": {"candidate_pk": "candidate", "pk": "suppression"},
    "messaging:attachment": {"pk": "attachment"},
    "messaging:triage_email": {"pk": "inbound"},
    "messaging:triage_attach": {"pk": "inbound"},
    "messaging:triage_dismiss": {"pk": "inbound"},
    "messaging:bulk": {"key": "uuid"},
    "pools:keep_in_touch": {"token": "token"},
    "pools:unsubscribe": {"token": "token"},
    "pools:detail": {"pk": "pool"},
    "pools:remove": {"pk": "pool", "member_pk": "member"},
    "pools:add": {"candidate_pk": "candidate"},
    "pools:nurture_progress": {"key": "uuid"},
    "careers:job": {"slug": "slug"},
    "careers:applied": {"slug": "slug"},
    "resumes:download": {"pk": "resume"},
    "resumes:contacts": {"pk": "resume"},
    "resumes:card": CANDIDATE,
    "resumes:upload": CANDIDATE,
    "team:member": {"pk": "user"},
    "team:update": {"pk": "user"},
    "team:resend": {"pk": "user"},
    "team:accept": {"token": "token"},
    "team:password_reset_confirm": {"uidb64": "token", "token": "token"},
    "notifications:open": {"pk": "notification"},
    "notifications:read": {"pk": "notification"},
    "interviews:schedule": APPLICATION,
    "interviews:detail": {"pk": "interview"},
    "interviews:cancel": {"pk": "interview"},
    "interviews:kit": {"pk": "interview"},
    "interviews:scorecard": {"pk": "interview"},
    "interviews:resume": {"pk": "interview"},
    "interviews:template_plan": {"pk": "pipeline"},
    "interviews:job_plan": JOB,
    "calendar_feed": {"secret": "token"},
    "status:page": {"token": "token"},
    "status:withdraw": {"token": "token"},
    "status:consent": {"token": "token"},
    "status:ask": {"token": "token"},
    "status:fresh_link": {"token": "token"},
    "status:details": {"token": "token"},
    "status:confirm_email": {"code": "token"},
    "status:offer_accept": {"token": "token"},
    "status:offer_decline": {"token": "token"},
    "offers:detail": {"pk": "offer"},
    "offers:new": {"application_id": "application"},
    "offers:for_application": {"application_id": "application"},
    "offers:edit": {"pk": "offer"},
    "offers:submit": {"pk": "offer"},
    "offers:approve": {"pk": "offer"},
    "offers:reject": {"pk": "offer"},
    "offers:send": {"pk": "offer"},
    "offers:withdraw": {"pk": "offer"},
    "offers:job_policy": JOB,
    "offers:template_policy": {"pk": "pipeline"},
    "interviews:offer_slots": APPLICATION,
    "interviews:slot_offer": {"pk": "slot_offer"},
    "interviews:slot_offer_resend": {"pk": "slot_offer"},
    "interviews:slot_offer_cancel": {"pk": "slot_offer"},
    "status:slot_pick": {"token": "token"},
    "privacy:rule_delete": {"pk": "retention_rule"},
    "privacy:anonymise": CANDIDATE,
    "privacy:export": CANDIDATE,
    "privacy:exports": CANDIDATE,
    "privacy:export_download": {"token": "token"},
    "privacy:confirm": {"code": "token"},
    "privacy:ask": {"token": "token"},
    "webhooks:detail": {"pk": "webhook"},
    "webhooks:update": {"pk": "webhook"},
    "webhooks:rotate": {"pk": "webhook"},
    "webhooks:delete": {"pk": "webhook"},
    "webhooks:ping": {"pk": "webhook"},
    "webhooks:resend": {"pk": "webhook_delivery"},
    "imports:detail": {"pk": "import"},
    "imports:check": {"pk": "import"},
    "imports:run": {"pk": "import"},
    "imports:rejected": {"pk": "import"},
    "imports:resume_json": CANDIDATE,
    "imports:export_applicants": JOB,
    "imports:export_timeline": CANDIDATE,
    "texts:compose": {"candidate_pk": "candidate"},
    "texts:template_edit": {"pk": "sms_template"},
    "texts:triage_attach": {"pk": "inbound_text"},
    "texts:triage_dismiss": {"pk": "inbound_text"},
}

# Open to anyone, and why.
PUBLIC = {
    "login": "the login page",
    "healthz": "the load balancer's health check",
    "careers:list": "the public careers page",
    "careers:feed_json": "the public job feed",
    "careers:feed_atom": "the public job feed",
    "careers:job": "a public job posting (an unknown slug is a 404)",
    "careers:applied": "the thank-you page after applying",
    "pools:keep_in_touch": "a signed link from an email (a bad signature is refused)",
    "pools:unsubscribe": "a signed link from an email (a bad signature is refused)",
    "team:accept": "a signed link from an invitation email (a bad signature is refused)",
    "team:password_reset": "asking for a reset link; the same answer for any address",
    "team:password_reset_done": "the page after asking, the same for any address",
    "team:password_reset_confirm": "a signed link from a reset email (a bad token is refused)",
    "calendar_feed": "a private feed's secret address (an unknown secret is a 404)",
    "status:page": "a candidate's signed status link (a bad signature is a 404)",
    "status:withdraw": "a candidate's signed status link (a bad signature is a 404)",
    "status:consent": "a candidate's signed status link (a bad signature is a 404)",
    "status:ask": "a candidate's signed status link (a bad signature is a 404)",
    "status:fresh_link": "asking for a fresh link; the same answer for any address",
    "status:details": "a candidate's signed status link (a bad signature is a 404)",
    "status:confirm_email": "a signed link mailed to a new address (a bad signature is a 404)",
    "status:offer_accept": "a candidate's signed status link (a bad signature is a 404)",
    "status:offer_decline": "a candidate's signed status link (a bad signature is a 404)",
    "status:slot_pick": "a candidate's signed status link (a bad signature is a 404)",
    "privacy:export_download": "a signed, expiring export link (a bad signature is a 404)",
    "privacy:confirm": "a signed link mailed to the candidate (a bad signature is a 404)",
    "privacy:ask": "a candidate's signed status link (a bad signature is a 404)",
    "login_verify": "the login's second step; without a right password first, back to login",
    "oidc_authentication_init": "starts single sign-on (a 404 when it is not configured)",
    "oidc_authentication_callback": "the identity provider's answer (state, code, PKCE checked)",
}

# What a hiring manager may open although given the other manager's ids, and why. What
# these pages show must hold nothing out of her reach (checked below).
MANAGER_PAGES = {
    "home": "sends her to her own start page",
    "logout": "her own session",
    "accounts:settings": "her own settings",
    "accounts:token_create": "creates a token for herself",
    "accounts:people_lookup": "names of the teammates who own candidates, for her owner filter",
    "jobs:lookup": "suggests only the jobs she sees (her own), for her job filter",
    "candidates:list": "filtered to her jobs' candidates",
    "jobs:list": "filtered to her jobs",
    "search:results": "filtered to her candidates",
    "search:save": "saves a search for herself",
    "search:selection": "acts only on the candidates she may see",
    "followups:queue": "her own queue",
    "team:password_change": "her own password",
    "notifications:list": "her own notifications",
    "notifications:read_all": "marks her own notifications read",
    "notifications:people": "whom she may mention: recruiters and admins, no other manager",
    "interviews:mine": "the interviews she is on herself",
    "interviews:feed_new": "a calendar address for her own interviews",
    "interviews:feed_off": "turns off her own calendar feed",
    "reports:ghosting": "counts her own jobs' applicants only",
    "reports:funnel": "counts her own jobs' applicants only",
    "reports:sources": "counts her own jobs' applicants only",
    "reports:time_in_stage": "counts her own jobs' applicants only (names of her own applicants)",
    "reports:activity": "touches on her own jobs' applications only",
    "reports:time_to_hire": "figures of her own jobs only",
    "reports:dashboard": "her own jobs' figures this week, nothing of the company's",
    "accounts:two_factor": "her own two-factor authentication",
    "accounts:sign_out_everywhere": "ends her own sessions",
    "imports:export_candidates": "the candidate list's export: filtered to her jobs' candidates",
    "imports:export_search": "search results' export: filtered to her candidates",
}

# What an interviewer may open although given ids out of his reach, and why: his own things.
# Everything else (lists, search, people, every record) is refused him.
INTERVIEWER_PAGES = {
    "home": "sends him to his own interviews",
    "interviews:mine": "the interviews he is on",
    "interviews:feed_new": "a calendar address for his own interviews",
    "interviews:feed_off": "turns off his own calendar feed",
    "logout": "his own session",
    "accounts:settings": "his own settings",
    "accounts:token_create": "creates a token for himself",
    "followups:queue": "his own queue",
    "team:password_change": "his own password",
    "notifications:list": "his own notifications",
    "notifications:read_all": "marks his own notifications read",
    "accounts:two_factor": "his own two-factor authentication",
    "accounts:sign_out_everywhere": "ends his own sessions",
}

# Pages for admins only: recruiters are refused them too.
ADMIN_PAGES = {
    "team:list",
    "team:invite",
    "team:member",
    "team:update",
    "team:resend",
    "privacy:retention",
    "privacy:rule_add",
    "privacy:rule_delete",
    "privacy:run",
    "privacy:progress",
    "accounts:security",
    "accounts:lock_lift",
    "timeline:audit_export",
    "webhooks:list",
    "webhooks:create",
    "webhooks:detail",
    "webhooks:update",
    "webhooks:rotate",
    "webhooks:delete",
    "webhooks:ping",
    "webhooks:resend",
}


def _body(response) -> str:
    """The page, or a download's bytes as text (exports are streamed)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def url_for(world, role: str, name: str) -> str:
    ids = world.foreign(role) | {"slug": "no-such-job"}
    path = URLS[name]
    for param, kind in PARAMS.get(name, {}).items():
        path = path.replace(f"<{param}>", str(ids[kind]))
        for converter in ("int", "str", "uuid", "slug"):
            path = path.replace(f"<{converter}:{param}>", str(ids[kind]))
    return "/" + path


def test_every_url_can_be_filled():
    """A new URL must name what its parameters are."""
    for name in PAGES:
        path = URLS[name]
        known = PARAMS.get(name, {})
        assert path.count("<") == len(known), f"{name} ({path}): add its parameters to PARAMS"
    listed = set(PARAMS) | set(PUBLIC) | set(MANAGER_PAGES) | set(INTERVIEWER_PAGES) | ADMIN_PAGES
    assert listed <= set(PAGES), f"listed but gone: {listed - set(PAGES)}"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_page_refuses_what_the_role_may_not_reach(world, db, name, role, method):
    url = url_for(world, role, name)
    response = getattr(client_for(world, role), method)(url)
    status = response.status_code
    assert status < 500, (name, role, method, status)
    if name in PUBLIC:
        return
    if role == "anonymous":
        assert status == 302 and response["Location"].startswith("/login/"), (name, status)
    elif role in ("manager", "outsider", "interviewer"):
        allowed = INTERVIEWER_PAGES if role == "interviewer" else MANAGER_PAGES
        if name in allowed:
            body = _body(response)
            assert not [m for m in world.hidden_markers(role) if m in body], (name, role)
        else:
            assert status in REFUSED, (name, role, method, status)
    elif name in (
        "accounts:token_revoke",
        "search:saved_delete",
        "notifications:open",
        "notifications:read",
    ) or (role == "recruiter" and name in ADMIN_PAGES):
        assert status in REFUSED, (name, role, method, status)


SHARED_PAGES = sorted(name for name in PAGES if PARAMS.get(name) == CANDIDATE)


@pytest.mark.parametrize("role", ["manager", "outsider"])
@pytest.mark.parametrize("name", SHARED_PAGES)
def test_pages_of_a_shared_candidate_show_nothing_of_the_other_job(world, db, name, role):
    """Bea applied to both managers' jobs: each sees her, never the other's side of her."""
    path = "/" + URLS[name].replace("<int:pk>", str(world.shared_candidate))
    response = client_for(world, role).get(path)
    assert response.status_code in {200} | REFUSED, (name, role, response.status_code)
    body = _body(response)
    assert not [m for m in world.hidden_markers(role) if m in body], (name, role)


def test_the_interviewer_opens_his_own_kit_scorecard_and_resume(world, db):
    """What the refusals above leave him: his interview's kit, its scorecard form and the
    candidate's resume through it, holding nothing of Bea's side or Otto's."""
    interview = world.sides["hana"].ids["interview"]
    client = client_for(world, "interviewer")
    kit = client.get(f"/interviews/{interview}/kit/")
    assert kit.status_code == 200
    body = kit.content.decode()
    assert "Zephyrine" in body
    assert not [m for m in world.hidden_markers("interviewer") if m in body]
    resume = client.get(f"/interviews/{interview}/resume/")
    assert resume.status_code == 200 and resume["Content-Disposition"].startswith("attachment")
    posted = client.post(
        f"/interviews/{interview}/scorecard/",
        {"rating-0": "yes", "recommendation": "yes", "takeaways": "Good."},
    )
    assert posted.status_code == 302
