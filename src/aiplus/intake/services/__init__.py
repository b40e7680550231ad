"""Intake services, called by the pages, the API, the CLI and the periodic task alike.

``mailboxes`` sets up IMAP mailboxes and their rules, ``mail`` reads them, ``folders`` watches folders,
``forms`` builds public forms and takes their submissions. ``poll_all`` is the periodic work.
"""

from dataclasses import dataclass, field

from aiplus.intake.models import Mailbox, WatchedFolder
from aiplus.intake.services.folders import FolderReport, folder_poll
from aiplus.intake.services.mail import PollReport, mailbox_poll

POLL_TASK = "aiplus.intake.poll_all"


@dataclass
class IntakeReport:
    mailboxes: list[PollReport] = field(default_factory=list)
    folders: list[FolderReport] = field(default_factory=list)


def poll_all(*, mailboxes=None, folders=None) -> IntakeReport:
    """Poll every enabled mailbox and watched folder once (or just those given)."""
    report = IntakeReport()
    for mailbox in Mailbox.objects.filter(enabled=True) if mailboxes is None else mailboxes:
        report.mailboxes.append(mailbox_poll(mailbox=mailbox))
    for folder in WatchedFolder.objects.filter(enabled=True) if folders is None else folders:
        report.folders.append(folder_poll(folder=folder))
    return report
