"""One POST to a receiver, guarded against server-side request forgery.

1. Only https:// (plain http:// only to a private address, and only when the operator
   allows private receivers with WEBHOOKS_ALLOW_PRIVATE).
2. Resolve the host now, at send time, and refuse it if any address it resolves to is not
   public: a name pointing into the network is refused even if it pointed out yesterday.
3. Connect to the address just checked (never resolve twice: no DNS rebinding), with TLS
   verified against the host's name.
4. Never follow redirects: a 3xx is an answer like any other non-2xx.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

# How much of a receiver's answer is kept in the delivery log.
KEEP_BYTES = 1024


class Refused(Exception):
    """The address may not be called: a permanent failure, nothing was sent."""


@dataclass
class Answer:
    code: int | None  # None: no HTTP answer (refused, unreachable, timed out)
    body: str
    error: str = ""


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """What can be told without the network: the scheme, a host, and a literal address."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Refused("Use a full https:// address.")
    if parts.scheme == "http" and not settings.WEBHOOKS_ALLOW_PRIVATE:
        raise Refused("Use https://: events carry personal data.")
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return
    if not settings.WEBHOOKS_ALLOW_PRIVATE and not _public(str(literal)):
        raise Refused(f"{parts.hostname} is a private address; receivers must be public.")


def resolve(url: str) -> tuple[str, str, int]:
    """(scheme, checked address, port) to connect to, or Refused."""
    check_url(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"{parts.hostname} does not resolve: {exc}") from None
    addresses = [info[4][0] for info in found]
    private = [a for a in addresses if not _public(a)]
    if private and not settings.WEBHOOKS_ALLOW_PRIVATE:
        raise Refused(f"{parts.hostname} resolves to a private address ({private[0]}).")
    if parts.scheme == "http" and not private:
        raise Refused("Plain http:// is allowed only to a private receiver; use https://.")
    return parts.scheme, addresses[0], port


class _PinnedHTTPS(http.client.HTTPSConnection):
    """TLS to the checked address, with the certificate checked against the host's name."""

    def __init__(self, hostname: str, address: str, port: int, timeout: float):
        super().__init__(hostname, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, hostname: str, address: str, port: int, timeout: float):
        super().__init__(hostname, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def post(url: str, body: str, headers: dict[str, str]) -> Answer:
    """POST `body`; an Answer whatever happens, Refused only for a forbidden address."""
    scheme, address, port = resolve(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    timeout = settings.WEBHOOKS_TIMEOUT
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = kind(parts.hostname, address, port, timeout)
    started = time.monotonic()
    try:
        connection.request(
            "POST",
            path,
            body=body.encode(),
            headers=headers | {"Content-Type": "application/json", "User-Agent": "Ghostless"},
        )
        response = connection.getresponse()
        text = response.read(KEEP_BYTES).decode(errors="replace")
    except TimeoutError:
        return Answer(None, "", f"No answer within {timeout:g} s.")
    except (OSError, http.client.HTTPException) as exc:
        return Answer(None, "", f"{type(exc).__name__}: {exc}"[:300])
    finally:
        connection.close()
    if time.monotonic() - started > timeout:
        # A receiver that drips its answer byte by byte is as late as one that never answers.
        return Answer(response.status, text, f"The answer took longer than {timeout:g} s.")
    return Answer(response.status, text)
