"""All settings come from the environment (see docs/operations.md); defaults suit a laptop."""

import re
import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("GHOSTLESS_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()


def _strict_bool(name: str, *, default: bool) -> bool:
    """environ reads any unknown word as false; a typo such as DEBUG=ture must fail loudly."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


DEBUG = _strict_bool("DEBUG", default=False)

LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=LOCAL_HOSTS)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
IS_PUBLIC = any(host not in LOCAL_HOSTS for host in ALLOWED_HOSTS)


def _secret_key() -> str:
    """From the environment; in local development, generated once and kept under var/."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    if IS_PUBLIC:
        raise ImproperlyConfigured("SECRET_KEY must be set when ALLOWED_HOSTS names a public host")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
if IS_PUBLIC and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when ALLOWED_HOSTS names a public host")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "huey.contrib.djhuey",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "ghostless.core",
    "ghostless.accounts",
    "ghostless.candidates",
    "ghostless.jobs",
    "ghostless.timeline",
    "ghostless.messaging",
    "ghostless.followups",
    "ghostless.pools",
    "ghostless.loop",
    "ghostless.careers",
    "ghostless.resumes",
    "ghostless.search",
    "ghostless.merges",
    "ghostless.team",
    "ghostless.notifications",
    "ghostless.interviews",
    "ghostless.status",
    "ghostless.offers",
    "ghostless.reports",
    "ghostless.privacy",
    "ghostless.webhooks",
    "ghostless.imports",
    "ghostless.texts",
    "ghostless.front",
    "ghostless.api",
    "ghostless.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ghostless.api.middleware.api_cors",
    "ghostless.api.middleware.api_json_errors",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ghostless.accounts.middleware.SessionIdleMiddleware",
    "ghostless.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "ghostless.core.ratelimit.RateLimitMiddleware",
    "ghostless.core.web.DomainPermissionMiddleware",
    # Every view needs a logged-in user unless marked @login_not_required (careers, /c/, API).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "ghostless.accounts.middleware.UserTimezoneMiddleware",
    # Last, so it sees the login form's failures (and answers a locked-out address).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ghostless.urls"
WSGI_APPLICATION = "ghostless.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ghostless" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ghostless.front.nav.nav_badges",
            ],
            # {% url %} that remembers what it reversed (same syntax and output).
            "builtins": ["ghostless.core.templatetags.cached_url"],
        },
    },
    {
        # The rows of long pages, included by Django pages with {% jinja %} (core/jinja.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "ghostless.front.jinja.environment",
            # For whole pages (core/pages.py); the CSRF token is added there, read once.
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ghostless.front.nav.nav_badges",
            ],
        },
    },
]
# Form fields render through Jinja2's compiled copies of Django's widget templates: the same
# HTML, several times faster than the Django engine on pages with many fields.
FORM_RENDERER = "django.forms.renderers.Jinja2"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ghostless.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE avoids lock upgrades mid-write.
    # secure_delete zeroes deleted content, so an anonymised person lingers in no free page.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA secure_delete=ON;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

# Huey: SQLite file queue by default, Redis when REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
HUEY = {"name": "ghostless", "immediate": False, "utc": True}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
else:
    HUEY |= {
        "huey_class": "huey.SqliteHuey",
        "filename": env.str("HUEY_PATH", default=str(VAR_DIR / "huey.sqlite3")),
    }

# Outbound mail: SMTP from EMAIL_URL (smtp://user:pass@host:port, smtp+tls://, smtp+ssl://);
# without it, each message is written as an .eml file under var/mail/ by the same outbox.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    globals().update(env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="jobs@localhost")
REPLY_DOMAIN = env.str("REPLY_DOMAIN", default="")
IMAP_URL = env.str("IMAP_URL", default="")
INBOUND_EMAIL_SECRET = env.str("INBOUND_EMAIL_SECRET", default="")
# The largest raw message the inbound webhook takes: 25 MB of attachments, base64-encoded.
INBOUND_EMAIL_MAX_BYTES = env.int("INBOUND_EMAIL_MAX_BYTES", default=40 * 1024 * 1024)
# The authserv-id your receiving mail server writes in Authentication-Results; when empty,
# the topmost such header is trusted (docs/email.md).
INBOUND_AUTHSERV_ID = env.str("INBOUND_AUTHSERV_ID", default="")

# Texts (docs/texts.md): SMS_URL twilio://ACCOUNT_SID:AUTH_TOKEN@+15550001111 sends through
# Twilio; without it each text is written as a file under var/sms/ by the same outbox.
SMS_URL = env.str("SMS_URL", default="")
if SMS_URL and not re.fullmatch(r"twilio://[^:@/]+:[^@/]+@\+[1-9][0-9]{6,14}", SMS_URL):
    raise ImproperlyConfigured(
        "SMS_URL must look like twilio://ACCOUNT_SID:AUTH_TOKEN@+15550001111"
    )
SMS_API_BASE_URL = env.str("SMS_API_BASE_URL", default="https://api.twilio.com")
SMS_TIMEOUT = env.int("SMS_TIMEOUT", default=15)
SMS_FILE_PATH = VAR_DIR / "sms"
SMS_FILE_FROM = "+15550000000"  # the sender the files name when there is no provider
# Texts wait out these hours in the candidate's zone; empty turns quiet hours off.
SMS_QUIET_HOURS = env.str("SMS_QUIET_HOURS", default="20:00-08:00")
if SMS_QUIET_HOURS and not re.fullmatch(
    r"([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]", SMS_QUIET_HOURS
):
    raise ImproperlyConfigured("SMS_QUIET_HOURS must look like 20:00-08:00")
SMS_HELP_TEXT = env.str("SMS_HELP_TEXT", default="")

COMPANY_NAME = env.str("COMPANY_NAME", default="Ghostless Demo Co")
COMPANY_LOGO_URL = env.str("COMPANY_LOGO_URL", default="")

# Business days for follow-up rules: the company's working days and public holidays.
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_working = [d.strip().lower()[:3] for d in env.list("WORKING_DAYS", default=_WEEKDAYS[:5])]
if not _working or any(d not in _WEEKDAYS for d in _working):
    raise ImproperlyConfigured("WORKING_DAYS must list days such as mon,tue,wed,thu,fri")
WORKING_DAYS = frozenset(_WEEKDAYS.index(d) for d in _working)
HOLIDAYS_COUNTRY = env.str("HOLIDAYS_COUNTRY", default="US")

# Talent network: how long a "keep me in mind" consent lasts, and how long its link works.
CONSENT_MONTHS = env.int("CONSENT_MONTHS", default=24)
CONSENT_LINK_DAYS = env.int("CONSENT_LINK_DAYS", default=90)
# The renewal ask goes this many days before consent to a pool runs out (privacy).
CONSENT_RENEWAL_DAYS = env.int("CONSENT_RENEWAL_DAYS", default=30)
# The pool the careers form's "keep me in your talent network" box joins.
TALENT_NETWORK_POOL = env.str("TALENT_NETWORK_POOL", default="Talent network")
# How long an invitation to join the team keeps working.
INVITE_DAYS = env.int("INVITE_DAYS", default=7)
# Days a link to a candidate's status page works; every email carries a fresh one.
STATUS_LINK_DAYS = env.int("STATUS_LINK_DAYS", default=180)
# Outgoing webhooks (docs/webhooks.md): private receivers (and plain http:// to them) only when
# allowed; how long a receiver has to answer; how long a rotated-out secret still signs.
WEBHOOKS_ALLOW_PRIVATE = _strict_bool("WEBHOOKS_ALLOW_PRIVATE", default=False)
WEBHOOKS_TIMEOUT = env.float("WEBHOOKS_TIMEOUT", default=15.0)
WEBHOOKS_SECRET_GRACE_HOURS = env.int("WEBHOOKS_SECRET_GRACE_HOURS", default=24)
PHONE_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="US")
PAGE_SIZE = 25
# Bulk actions post one field per selected card; a board can hold thousands.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Spreadsheet imports (docs/imports.md): the largest file and the most rows one import takes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=200_000)

# Security: cookies and HSTS follow the scheme of SITE_URL, so https deployments are strict.
SECURE_HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and _strict_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [SITE_URL]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The Huey consumer adds its own handler to this logger; propagating would print twice.
    "loggers": {"huey": {"level": "INFO", "propagate": False}},
}

# Privacy: how long a subject access export's download link works.
EXPORT_LINK_DAYS = env.int("EXPORT_LINK_DAYS", default=7)
# Account security (docs/security.md).
# django-axes counts failed logins per account and per address and locks both out for a while.
AUTHENTICATION_BACKENDS = [
    "ghostless.accounts.backends.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The audit log records every login; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# How many reverse proxies append to X-Forwarded-For in front of gunicorn (0: none, trust
# REMOTE_ADDR); throttling and rate limits count the client address this yields.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "ghostless.core.ratelimit.client_ip"

# Sessions end after this long without a request (sliding), and after two weeks regardless.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=8 * 60)
SESSION_COOKIE_AGE = 14 * 24 * 3600

# Two-factor authentication: "all" staff, a comma list of roles, or "" (each person chooses).
TWO_FACTOR_REQUIRED = env.str("TWO_FACTOR_REQUIRED", default="")
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default=COMPANY_NAME)

# Single sign-on with OpenID Connect (authorization code + PKCE), on when OIDC_CLIENT_ID is set.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_ALLOWED_DOMAINS = [d.lower().lstrip("@") for d in env.list("OIDC_ALLOWED_DOMAINS", default=[])]
# The claim that carries a person's groups or roles, and which value gives which role:
# OIDC_ROLE_MAP=ats-admins=admin,ats-recruiters=recruiter. Unmapped people get OIDC_DEFAULT_ROLE.
OIDC_ROLE_CLAIM = env.str("OIDC_ROLE_CLAIM", default="")
OIDC_ROLE_MAP = env.dict("OIDC_ROLE_MAP", default={})
OIDC_DEFAULT_ROLE = env.str("OIDC_DEFAULT_ROLE", default="")
OIDC_CREATE_USER = True
LOGIN_REDIRECT_URL_FAILURE = "/login/?sso=failed"
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
if SSO_ENABLED:
    AUTHENTICATION_BACKENDS.append("ghostless.accounts.oidc.SsoBackend")
LOCAL_PASSWORDS = _strict_bool("LOCAL_PASSWORDS", default=True)
if not LOCAL_PASSWORDS and not SSO_ENABLED:
    raise ImproperlyConfigured("LOCAL_PASSWORDS=false needs single sign-on (OIDC_CLIENT_ID)")

# Rate limits on public forms and the API: "requests/seconds" per address (or API token).
# Shared by every worker through the cache below; generous so normal use never meets them.
RATE_LIMITS = {
    "login": env.str("RATE_LIMIT_LOGIN", default="30/60"),
    "password_reset": env.str("RATE_LIMIT_PASSWORD_RESET", default="10/600"),
    "public_form": env.str("RATE_LIMIT_PUBLIC_FORM", default="20/600"),
    "api": env.str("RATE_LIMIT_API", default="600/60"),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    # Files under var/: every worker on this machine shares the counters (per-process memory
    # would let each gunicorn worker grant the limit again). Several machines need REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Content-Security-Policy (django-csp 4): no inline script or style anywhere; put JS in static.
_LOGO_ORIGIN = (
    "/".join(COMPANY_LOGO_URL.split("/")[:3]) if COMPANY_LOGO_URL.startswith("http") else ""
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + ([_LOGO_ORIGIN] if _LOGO_ORIGIN else []),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The audit log keeps entries this many days; a daily task removes older ones.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)
