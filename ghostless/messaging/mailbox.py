"""Polling the recruiting mailbox over IMAP (imap-tools), from where the last poll stopped."""

import logging
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils import timezone
from imap_tools import AND, MailBox, MailBoxUnencrypted

from ghostless.core.errors import DomainError
from ghostless.messaging import inbound
from ghostless.messaging.models import MailboxState

logger = logging.getLogger(__name__)
TIMEOUT = 30


def _open(url: str):
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname:
        raise DomainError(
            "IMAP_URL must look like imaps://user:password@host:port/INBOX", field="IMAP_URL"
        )
    box_class = MailBox if parts.scheme == "imaps" else MailBoxUnencrypted
    port = parts.port or (993 if parts.scheme == "imaps" else 143)
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    box = box_class(parts.hostname, port=port, timeout=TIMEOUT)
    return box.login(unquote(parts.username or ""), unquote(parts.password or ""), folder), folder


def poll(url: str | None = None) -> int:
    """Fetch mail newer than the last seen UID and receive each; returns how many were new.

    1. UIDVALIDITY changed (mailbox rebuilt): start from the beginning; de-duplication by
       Message-ID keeps that safe.
    2. Each message is received before the state moves past its UID, so a crash mid-poll
       only repeats work, never loses mail.
    """
    url = url or settings.IMAP_URL
    if not url:
        raise DomainError("IMAP_URL is not set.", field="IMAP_URL")
    parts = urlsplit(url)
    key = f"{parts.hostname}:{parts.port}/{parts.username}/{parts.path}"
    state, _ = MailboxState.objects.get_or_create(mailbox=key)
    new = 0
    box, folder = _open(url)
    with box:
        validity = str(box.folder.status(folder).get("UIDVALIDITY", ""))
        if validity != state.uid_validity:
            state.uid_validity, state.last_uid = validity, 0
        uids = sorted(int(u) for u in box.uids(AND(uid=f"{state.last_uid + 1}:*")))
        for uid in uids:
            if uid <= state.last_uid:  # "N:*" always returns the newest message
                continue
            status, data = box.client.uid("FETCH", str(uid), "(BODY.PEEK[])")
            raw = next((item[1] for item in data if isinstance(item, tuple)), None)
            if status != "OK" or raw is None:
                logger.warning("IMAP fetch of UID %s failed: %s", uid, status)
                break
            inbound.receive(raw, source="imap")
            new += 1
            state.last_uid = uid
            state.save(update_fields=["uid_validity", "last_uid"])
    state.polled_at = timezone.now()
    state.save(update_fields=["uid_validity", "last_uid", "polled_at"])
    return new
