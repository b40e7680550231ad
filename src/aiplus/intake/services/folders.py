"""Watched folders: a file dropped into the folder is taken once it is complete (its size and time unchanged
over two polls), then moved to ``processed/``, or to ``failed/`` beside a ``<name>.reason.txt``.

A crash after storing and before moving is harmless: the file is stored again under the same source id, which
the documents app answers "unchanged", and then moved.
"""

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.documents.services import ingest_stream
from aiplus.intake.models import PollStatus, WatchedFolder
from aiplus.intake.selectors import can_run_intake
from aiplus.intake.services.common import stored_error, target_collection

logger = logging.getLogger("aiplus.intake.folders")

PROCESSED, FAILED = "processed", "failed"


def _allowed_path(value: str) -> Path:
    path = Path(clean_text("folder.path", value)).expanduser()
    roots = [Path(root).resolve() for root in settings.AIPLUS_INTAKE_FOLDER_ROOTS]
    resolved = path.resolve()
    if not path.is_absolute() or not any(resolved.is_relative_to(root) for root in roots):
        raise invalid("folder.path", "folder_root", roots=", ".join(str(r) for r in roots) or "-")
    if not resolved.is_dir():
        raise invalid("folder.path", "folder_missing")
    return resolved


def folder_create(*, actor, path: str, collection_slug: str) -> WatchedFolder:
    """Watch a folder on the server (inside ``AIPLUS_INTAKE_FOLDER_ROOTS``) for a collection."""
    if not can_run_intake(actor):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="folder create")
    collection = target_collection(
        actor=actor, slug=collection_slug, department=None, field="mailbox.collection"
    )
    resolved = _allowed_path(path)
    try:
        folder = WatchedFolder.objects.create(collection=collection, path=str(resolved))
    except IntegrityError:
        raise AiplusError(ErrorCode.CONFLICT, detail=f"folder {resolved}") from None
    audit_record(actor=actor, action="intake.folder.create", target=f"folder:{folder.pk}", path=str(resolved))
    return folder


def folder_delete(*, actor, folder: WatchedFolder) -> None:
    audit_record(actor=actor, action="intake.folder.delete", target=f"folder:{folder.pk}")
    folder.delete()


def _move(source: Path, folder: Path) -> Path:
    """Move a file into ``folder``, never over another file of the same name."""
    folder.mkdir(exist_ok=True)
    target, number = folder / source.name, 1
    while target.exists():
        target = folder / f"{source.stem}-{number}{source.suffix}"
        number += 1
    shutil.move(source, target)
    return target


@dataclass
class FolderReport:
    path: str
    stored: int = 0
    failed: int = 0
    waiting: int = 0
    error: str = ""


def _take(folder: WatchedFolder, path: Path, report: FolderReport) -> None:
    with path.open("rb") as stream:
        outcome = ingest_stream(
            actor=OPERATOR,
            collection=folder.collection,
            stream=stream,
            filename=path.name,
            source_id=f"folder/{folder.pk}/{path.name}",
            channel="folder",
            origin={"channel": "folder", "path": str(path), "received_at": timezone.now().isoformat()},
        )
    if outcome.outcome == "rejected":
        moved = _move(path, path.parent / FAILED)
        reason = _("%(file)s could not be stored: %(reason)s") % {
            "file": path.name,
            "reason": outcome.message,
        }
        moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
        report.failed += 1
    else:
        _move(path, path.parent / PROCESSED)
        report.stored += 1


def folder_poll(*, folder: WatchedFolder) -> FolderReport:
    """One look at the folder: complete files are stored and moved; new or growing ones wait a poll."""
    report = FolderReport(folder.path)
    root, pending, status, last_error = Path(folder.path), {}, PollStatus.OK, {}
    try:
        if not root.is_dir():
            raise invalid("folder.path", "folder_missing")
        for entry in sorted(os.scandir(root), key=lambda e: e.name):
            if not entry.is_file(follow_symlinks=False) or entry.name.startswith("."):
                continue
            stat = entry.stat(follow_symlinks=False)
            seen = [stat.st_size, stat.st_mtime_ns]
            if folder.pending.get(entry.name) == seen:
                _take(folder, Path(entry.path), report)
            else:
                pending[entry.name] = seen
                report.waiting += 1
    except AiplusError as error:
        status, last_error = PollStatus.ERROR, stored_error(error)
    except OSError as failure:
        status, last_error = (
            PollStatus.ERROR,
            stored_error(AiplusError(ErrorCode.INTERNAL, detail=str(failure))),
        )
    if status == PollStatus.ERROR:
        report.error = last_error.get("detail") or last_error.get("code", "")
        logger.warning("folder poll failed path=%s error=%s", folder.path, last_error)
    WatchedFolder.objects.filter(pk=folder.pk).update(
        pending=pending, last_polled_at=timezone.now(), last_status=status, last_error=last_error
    )
    folder.pending = pending
    return report
