"""A real IMAP server for the tests: Debian's dovecot, started in a temporary folder on a free port, with
plain-password users in a passwd file and maildirs in the folder. Nothing of the system's dovecot is used."""

import getpass
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
}}
service anvil {{
  chroot =
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Dovecot:
    host = "127.0.0.1"

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="aiplus-dovecot-"))
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> "Dovecot":
        os.chmod(self.root, 0o755)
        for name in ("run", "state", "mail"):
            (self.root / name).mkdir()
        (self.root / "passwd").write_text("")
        if os.geteuid() == 0:  # dovecot refuses to serve logins as root: use its own users
            internal, login, mail_user = "dovecot", "dovenull", "dovecot"
            shutil.chown(self.root / "mail", "dovecot", "dovecot")
        else:
            internal = login = mail_user = getpass.getuser()
        mail_group = pwd.getpwnam(mail_user).pw_gid
        config = self.root / "dovecot.conf"
        config.write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                internal=internal,
                login=login,
                mail_user=mail_user,
                mail_group=mail_group,
            )
        )
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as probe:
                    if probe.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("dovecot did not start: " + self.log())

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def add_user(self, username: str, password: str) -> None:
        """Add an account, and return once dovecot lets it sign in: it notices a changed passwd file by its
        time stamp, and two changes within one second (a loaded machine's tests) can look like none."""
        with (self.root / "passwd").open("a") as passwd:
            passwd.write(f"{username}:{{PLAIN}}{password}\n")
        deadline = time.monotonic() + 10
        while True:
            try:
                self.connect(username, password).logout()
                return
            except imaplib.IMAP4.error:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
                os.utime(self.root / "passwd")  # a new time stamp, so the next look reads the file again

    def connect(self, username: str, password: str) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        connection.login(username, password)
        return connection

    def deliver(self, username: str, password: str, *messages: bytes, folder: str = "INBOX") -> None:
        """Put messages into a folder by IMAP APPEND, as a mail server's delivery would."""
        connection = self.connect(username, password)
        try:
            connection.create(folder)
            for raw in messages:
                status, data = connection.append(folder, None, None, raw)
                assert status == "OK", data
        finally:
            connection.logout()

    def count(self, username: str, password: str, folder: str) -> int:
        connection = self.connect(username, password)
        try:
            status, data = connection.select(f'"{folder}"', readonly=True)
            return int(data[0]) if status == "OK" else 0
        finally:
            connection.logout()
