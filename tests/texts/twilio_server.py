"""A local HTTP server on loopback that answers as Twilio's REST API does for Messages: the
create call's JSON (sid, status, num_segments, error_code, ...) from Twilio's docs, and its
error body ({"code", "message", "more_info", "status"}) for numbers set to be refused."""

import base64
import itertools
import json
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

# Twilio's own messages for the codes tests ask for.
ERRORS = {
    21211: (400, "The 'To' number +15005550001 is not a valid phone number."),
    21610: (400, "Attempt to send to unsubscribed recipient"),
    21614: (400, "'To' number is not a valid mobile number"),
    20003: (401, "Authenticate"),
    20500: (500, "An internal server error has occurred"),
}


class FakeTwilio:
    def __init__(self):
        self.requests: list[dict] = []
        self.refuse: dict[str, int] = {}  # To number -> Twilio error code
        self.status = "queued"
        self._ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                auth = self.headers.get("Authorization", "").removeprefix("Basic ")
                fake.requests.append(
                    {
                        "path": self.path,
                        "form": form,
                        "auth": base64.b64decode(auth).decode() if auth else "",
                    }
                )
                account = self.path.split("/")[3]
                code = fake.refuse.get(form.get("To", ""))
                if code:
                    status, message = ERRORS[code]
                    body = {
                        "code": code,
                        "message": message,
                        "more_info": f"https://www.twilio.com/docs/errors/{code}",
                        "status": status,
                    }
                    return self._answer(status, body)
                sid = f"SM{next(fake._ids):032x}"
                now = formatdate(usegmt=True).replace("GMT", "+0000")
                text = form.get("Body", "")
                gsm = all(ord(c) < 128 for c in text)
                per = 153 if gsm else 67
                single = 160 if gsm else 70
                segments = 1 if len(text) <= single else -(-len(text) // per)
                uri = f"/2010-04-01/Accounts/{account}/Messages/{sid}"
                self._answer(
                    201,
                    {
                        "account_sid": account,
                        "api_version": "2010-04-01",
                        "body": text,
                        "date_created": now,
                        "date_sent": None,
                        "date_updated": now,
                        "direction": "outbound-api",
                        "error_code": None,
                        "error_message": None,
                        "from": form.get("From"),
                        "messaging_service_sid": None,
                        "num_media": "0",
                        "num_segments": str(segments),
                        "price": None,
                        "price_unit": "USD",
                        "sid": sid,
                        "status": fake.status,
                        "subresource_uris": {"media": f"{uri}/Media.json"},
                        "to": form.get("To"),
                        "uri": f"{uri}.json",
                    },
                )

            def _answer(self, status, body):
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        return Handler
