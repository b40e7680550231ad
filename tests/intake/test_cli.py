"""``aiplus intake``: poll a mailbox, watch folders once, and set channels up, as the operator or a user."""

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from tests.intake.conftest import make_message


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.django_db(transaction=True)
def test_poll_one_mailbox_from_the_shell(mailbox, dovecot, mail_account, inbox_collection):
    dovecot.deliver(*mail_account, make_message(), make_message(subject="Another"))
    result = _run("intake", "poll", "--mailbox", "enquiries")
    assert result.exit_code == 0, result.output
    assert "enquiries\t2 stored\t0 failed" in result.output
    assert inbox_collection.documents.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_failed_poll_exits_non_zero_and_says_why(mailbox, monkeypatch):
    monkeypatch.setenv("AIPLUS_TEST_MAIL_PASSWORD", "wrong")
    result = _run("intake", "poll")
    assert result.exit_code == 1 and "Authentication failed" in result.output


def test_another_departments_mailbox_is_not_found_from_the_shell(mailbox, betty):
    result = _run("intake", "poll", "--mailbox", "enquiries", "--user", "betty")
    assert result.exit_code == 1 and "Not found" in result.output


def test_set_up_a_mailbox_and_a_rule_from_the_shell(alice, inbox_collection):
    result = _run(
        "intake",
        "mailbox-add",
        "licences",
        "--host",
        "mail.dsd.gov.hk",
        "--username",
        "licences",
        "--password-env",
        "LICENCES_MAIL_PASSWORD",
        "--collection",
        "inbox",
        "--user",
        "alice",
    )
    assert result.exit_code == 0, result.output
    result = _run(
        "intake", "rule-add", "licences", "--collection", "inbox", "--subject", "renewal", "--user", "alice"
    )
    assert "Rule 1 added" in result.output
    listed = _run("intake", "list", "--user", "alice").output
    assert "mailbox\tlicences\tlicences@mail.dsd.gov.hk:993\tnever" in listed
    refused = _run(
        "intake",
        "mailbox-add",
        "second",
        "--host",
        "h",
        "--username",
        "u",
        "--collection",
        "inbox",
        "--user",
        "alice",
    )
    assert refused.exit_code == 1 and "either an environment variable or a file" in refused.output


def test_watch_once_takes_complete_files(alice, inbox_collection, tmp_path, settings):
    settings.AIPLUS_INTAKE_FOLDER_ROOTS = [str(tmp_path)]
    (tmp_path / "drop").mkdir()
    assert (
        _run(
            "intake", "folder-add", str(tmp_path / "drop"), "--collection", "inbox", "--user", "alice"
        ).exit_code
        == 0
    )
    (tmp_path / "drop" / "minutes.md").write_text("# Minutes\n\nAgreed.")
    assert "0 stored\t0 failed\t1 waiting" in _run("intake", "watch", "--once").output
    assert "1 stored\t0 failed\t0 waiting" in _run("intake", "watch", "--once").output
    assert inbox_collection.documents.get().origin["channel"] == "folder"
