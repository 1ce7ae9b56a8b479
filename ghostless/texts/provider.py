"""The phone provider behind one small interface: `send(to, body, status_callback)`.

`SMS_URL` picks it: `twilio://ACCOUNT_SID:AUTH_TOKEN@+15550001111` is Twilio's Messaging API
through the `twilio` library (REST base URL from `SMS_API_BASE_URL`, for a regional edge or a
test server); unset, each text is written as a file under `var/sms/` so the demo works offline.
"""

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

TWILIO_BASE_URL = "https://api.twilio.com"
# Twilio's error codes that say this number will never take a text from us: mark the phone.
# 21211 invalid number, 21408 region not enabled, 21610 the recipient replied STOP,
# 21612 unreachable by this route, 21614 not a mobile number; 30003-30006 unreachable,
# unknown or a landline, reported by a delivery callback.
UNTEXTABLE_CODES = {"21211", "21610", "21612", "21614", "30005", "30006"}
OPT_OUT_CODES = {"21610"}


@dataclass(frozen=True)
class Accepted:
    sid: str
    status: str
    segments: int | None


class ProviderError(Exception):
    """The provider refused. `permanent`: the same text will never go (a bad number, bad
    credentials); else try again later. `code`: the provider's own error code, if any."""

    def __init__(self, message: str, *, permanent: bool, code: str = ""):
        super().__init__(message)
        self.message, self.permanent, self.code = message, permanent, code


@dataclass(frozen=True)
class Config:
    account_sid: str
    auth_token: str
    from_phone: str


def config() -> Config | None:
    """SMS_URL read into its parts; None when texts go to files."""
    if not settings.SMS_URL:
        return None
    parts = urlsplit(settings.SMS_URL)
    sender = unquote(parts.netloc.rpartition("@")[2])
    return Config(unquote(parts.username or ""), unquote(parts.password or ""), sender)


def from_phone() -> str:
    cfg = config()
    return cfg.from_phone if cfg else settings.SMS_FILE_FROM


def auth_token() -> str:
    cfg = config()
    return cfg.auth_token if cfg else ""


def send(*, to: str, body: str, status_callback: str, key: str) -> Accepted:
    cfg = config()
    if cfg is None:
        return _send_to_file(to=to, body=body, key=key)
    return _send_twilio(cfg, to=to, body=body, status_callback=status_callback)


def _send_to_file(*, to: str, body: str, key: str) -> Accepted:
    folder = Path(settings.SMS_FILE_PATH)
    folder.mkdir(parents=True, exist_ok=True)
    sid = f"FILE{key}"
    record = {"sid": sid, "to": to, "from": settings.SMS_FILE_FROM, "body": body}
    record["written_at"] = timezone.now().isoformat()
    (folder / f"{sid}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2))
    # A file is as delivered as it will ever be: no callback will come for it.
    return Accepted(sid=sid, status="delivered", segments=None)


def _http_client():
    from twilio.http.http_client import TwilioHttpClient

    base = settings.SMS_API_BASE_URL.rstrip("/")

    class BaseUrlClient(TwilioHttpClient):
        """Sends what the library addresses to api.twilio.com to SMS_API_BASE_URL instead."""

        def request(self, method, url, *args, **kwargs):
            if base and url.startswith(TWILIO_BASE_URL):
                url = base + url[len(TWILIO_BASE_URL) :]
            return super().request(method, url, *args, **kwargs)

    return BaseUrlClient(timeout=settings.SMS_TIMEOUT, pool_connections=False)


def _send_twilio(cfg: Config, *, to: str, body: str, status_callback: str) -> Accepted:
    from twilio.base.exceptions import TwilioException, TwilioRestException
    from twilio.rest import Client

    client = Client(cfg.account_sid, cfg.auth_token, http_client=_http_client())
    try:
        message = client.messages.create(
            to=to, from_=cfg.from_phone, body=body, status_callback=status_callback
        )
    except TwilioRestException as exc:
        code = str(exc.code or "")
        # 4xx is a refusal of this request (bad number, bad credentials); 429 and 5xx pass.
        permanent = 400 <= exc.status < 500 and exc.status != 429
        raise ProviderError(
            f"{exc.status} {code} {exc.msg}".strip(), permanent=permanent, code=code
        ) from exc
    except (TwilioException, OSError) as exc:
        raise ProviderError(f"{type(exc).__name__}: {exc}", permanent=False) from exc
    segments = int(message.num_segments) if message.num_segments else None
    if message.error_code:
        raise ProviderError(
            message.error_message or f"Error {message.error_code}",
            permanent=True,
            code=str(message.error_code),
        )
    return Accepted(sid=message.sid, status=message.status or "queued", segments=segments)
