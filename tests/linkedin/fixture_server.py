"""A saved LinkedIn profile served on loopback, over HTTPS with a throwaway self-signed
certificate, so Chromium (told to resolve www.linkedin.com here and to accept the
certificate) opens it at its real address, where the extension may read it."""

import http.server
import ssl
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

PROFILE_HTML = (Path(__file__).parent / "fixtures" / "linkedin_profile.html").read_bytes()
PROFILE_PATH = "/in/jane-doe-42/"


class _Profile(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        found = self.path.split("?")[0] == PROFILE_PATH
        body = PROFILE_HTML if found else b"Not found"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def profile_server(folder: Path, *, tls: bool = True):
    """Yields the port of a server answering PROFILE_PATH with the saved profile."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Profile)
    if tls:
        key, cert = folder / "key.pem", folder / "cert.pem"
        subprocess.run(  # noqa: S603 -- fixed arguments, a test certificate
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=www.linkedin.com", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
