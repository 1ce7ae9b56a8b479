"""The provider's webhook signature: Twilio signs the public URL it called plus the posted
fields with the account's auth token (X-Twilio-Signature). The URL checked is SITE_URL and
the path, as the provider saw it, not whatever host a proxy handed us."""

from django.conf import settings
from django.http import HttpRequest

from ghostless.texts import provider


def verified(request: HttpRequest) -> bool:
    from twilio.request_validator import RequestValidator

    token = provider.auth_token()
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = settings.SITE_URL + request.get_full_path()
    return RequestValidator(token).validate(url, request.POST.dict(), signature)
