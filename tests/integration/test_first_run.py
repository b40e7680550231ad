"""A newcomer's first `aiplus setup`, run as they would run it: a fresh data directory, its own process, every
byte of its output captured (warnings from libraries included)."""

import os
import re
import sqlite3
import subprocess
import sys

from django.contrib.auth.hashers import check_password

BAR = re.compile(
    r"^(Storing demo files|Reading demo documents|Writing demo minutes): +\d+%\|.*\| (\d+)/(\d+) "
)


def _setup(home) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "AIPLUS_LOG_LEVEL"}
    }
    # OCR is the slow part of reading the demo and prints nothing of its own; without it the run is shorter.
    env.update(AIPLUS_HOME=str(home), AIPLUS_OCR="0")
    return subprocess.run(
        [sys.executable, "-m", "aiplus", "setup"], env=env, capture_output=True, text=True, timeout=600
    )


def _stderr_lines(run: subprocess.CompletedProcess) -> list[str]:
    """What the terminal showed on standard error, a progress bar's every redraw as a line of its own."""
    return [line.strip() for line in re.split(r"[\r\n]", run.stderr) if line.strip()]


def _signs_in(home, username: str, password: str) -> bool:
    with sqlite3.connect(home / "aiplus.sqlite3") as database:
        (stored,) = database.execute(
            "SELECT password FROM core_user WHERE username = ?", [username]
        ).fetchone()
    return check_password(password, stored)


def _rows(home, query: str) -> list[tuple]:
    with sqlite3.connect(home / "aiplus.sqlite3") as database:
        return database.execute(query).fetchall()


def _has_the_correspondence_demo(home, stdout: str) -> None:
    """Issue #12's pages are not empty: each demo letter has started the triage workflow (the worker that
    `aiplus serve` starts takes the runs on to their approvals; tests/demo checks that), the classifier is
    trained, the form is published, the hold is placed, and the hint says who to be. (With OCR off the
    scanned letter has no text, so three of the four letters start a run.)"""
    assert _rows(home, "SELECT status, COUNT(*) FROM workflows_run GROUP BY status") == [("running", 3)]
    assert _rows(home, "SELECT status, COUNT(*) FROM workflows_steprun GROUP BY status") == [("queued", 3)]
    assert _rows(home, "SELECT model_version, trained_examples FROM classifier_classifier") == [(1, 36)]
    assert _rows(home, "SELECT slug, published FROM intake_publicform") == [("drainage-complaint", 1)]
    assert _rows(home, "SELECT name FROM records_legalhold") == [("Sample Road flooding claim",)]
    assert "sign in as amy for the review queue" in stdout and "/forms/drainage-complaint/" in stdout


def test_a_first_setup_shows_only_what_a_newcomer_reads_and_the_passwords_once(tmp_path):
    """GIVEN an empty data directory WHEN `aiplus setup` runs THEN standard error holds the database note, the
    data directory and progress bars that each know their total, and no warning; the platform administrator
    and the demo users sign in with different passwords; a second setup prints no password again."""
    home = tmp_path / "fresh"

    first = _setup(home)

    assert first.returncode == 0, first.stderr
    lines = _stderr_lines(first)
    assert lines[:2] == ["Preparing the database…", f"Data directory: {home}"]
    bars = [BAR.match(line) for line in lines[2:]]
    assert all(bars), [line for line, bar in zip(lines[2:], bars, strict=True) if not bar]
    finished = {bar[1] for bar in bars if bar[2] == bar[3] and int(bar[3]) > 0}
    assert finished == {"Storing demo files", "Reading demo documents", "Writing demo minutes"}

    admin = re.search(r"sign in as admin with the password (\S+)", first.stdout)
    members = re.search(
        r"sign in as any of alice, amy, bob, betty, grace, vera, olivia with the password (\S+)", first.stdout
    )
    assert admin and members, first.stdout
    assert admin[1] != members[1]
    assert _signs_in(home, "admin", admin[1]) and not _signs_in(home, "admin", members[1])
    assert _signs_in(home, "amy", members[1]) and not _signs_in(home, "amy", admin[1])
    assert admin[1] not in "".join(path.read_text("utf-8", "replace") for path in home.glob("*.txt"))
    _has_the_correspondence_demo(home, first.stdout)

    again = _setup(home)

    assert again.returncode == 0, again.stderr
    assert "password" not in again.stdout
    assert _stderr_lines(again) == [f"Data directory: {home}"]
