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
    "ghostless.texts",
    "ghostless.front",
    "ghostless.api",
    "ghostless.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ghostless.api.middleware.api_json_errors",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ghostless.core.web.DomainPermissionMiddleware",
    # Every view needs a logged-in user unless marked @login_not_required (careers, /c/, API).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "ghostless.accounts.middleware.UserTimezoneMiddleware",
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
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
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
# How long an invitation to join the team keeps working.
INVITE_DAYS = env.int("INVITE_DAYS", default=7)
# Days a link to a candidate's status page works; every email carries a fresh one.
STATUS_LINK_DAYS = env.int("STATUS_LINK_DAYS", default=180)
PHONE_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="US")
PAGE_SIZE = 25
# Bulk actions post one field per selected card; a board can hold thousands.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

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
