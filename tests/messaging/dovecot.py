"""A private Dovecot IMAP server on loopback, as TESTING.md describes."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER, PASSWORD = "jobs", "secret"

CONFIG = """
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
ssl = no
first_valid_uid = 1
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{base}/mail/%u
default_login_user = dovenull
default_internal_user = dovecot
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={base}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="ghostless-dovecot-"))
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"imap://{USER}:{PASSWORD}@127.0.0.1:{self.port}/INBOX"

    def start(self) -> None:
        for sub in ("run", "state", "mail"):
            (self.base / sub).mkdir()
        (self.base / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        config = self.base / "dovecot.conf"
        config.write_text(CONFIG.format(base=self.base, port=self.port))
        os.chmod(self.base, 0o755)
        shutil.chown(self.base / "mail", "dovecot", "dovecot")
        subprocess.run(
            ["dovecot", "-c", str(config)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError((self.base / "dovecot.log").read_text())

    def stop(self) -> None:
        pid_file = self.base / "run" / "master.pid"
        if pid_file.exists():
            subprocess.run(["kill", pid_file.read_text().strip()], check=False)
            time.sleep(0.2)
        shutil.rmtree(self.base, ignore_errors=True)

    def append(self, raw: bytes) -> None:
        import imaplib

        client = imaplib.IMAP4("127.0.0.1", self.port)
        client.login(USER, PASSWORD)
        client.append("INBOX", "", imaplib.Time2Internaldate(time.time()), raw)
        client.logout()
