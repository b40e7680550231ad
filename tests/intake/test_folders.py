"""Watched folders: a file is taken once it is complete, then moved to processed/ or failed/ with a reason."""

import pytest

from aiplus.core.errors import AiplusError


@pytest.fixture
def drop_root(tmp_path, settings):
    root = tmp_path / "drop"
    (root / "scans").mkdir(parents=True)
    settings.AIPLUS_INTAKE_FOLDER_ROOTS = [str(root)]
    return root


@pytest.fixture
def scans(alice, drop_root, inbox_collection):
    from aiplus.intake.services.folders import folder_create

    return folder_create(actor=alice, path=str(drop_root / "scans"), collection_slug="inbox")


def _poll(folder):
    from aiplus.intake.services.folders import folder_poll

    folder.refresh_from_db()
    return folder_poll(folder=folder)


def test_a_file_is_taken_when_its_size_is_unchanged_over_two_polls(scans, drop_root, inbox_collection):
    """GIVEN a file dropped in the folder WHEN polled once THEN it waits; WHEN it grows it waits again; WHEN it
    is unchanged at the next poll THEN it is a document with the folder origin and moves to processed/."""
    dropped = drop_root / "scans" / "letter.txt"
    dropped.write_text("Dear officer, part one")
    assert _poll(scans).waiting == 1
    with dropped.open("a") as growing:
        growing.write(" and part two")
    assert (_poll(scans).stored, inbox_collection.documents.count()) == (0, 0)
    report = _poll(scans)
    assert report.stored == 1
    document = inbox_collection.documents.get()
    assert document.origin["channel"] == "folder"
    assert document.origin["path"] == str(dropped.resolve())
    assert not dropped.exists() and (drop_root / "scans" / "processed" / "letter.txt").exists()
    assert _poll(scans).stored == 0


def test_a_bad_file_moves_to_failed_with_its_reason(scans, drop_root, inbox_collection):
    bad = drop_root / "scans" / "virus.exe"
    bad.write_bytes(b"MZ" + b"\0" * 100)
    _poll(scans)
    report = _poll(scans)
    assert report.failed == 1
    assert (drop_root / "scans" / "failed" / "virus.exe").exists()
    reason = (drop_root / "scans" / "failed" / "virus.exe.reason.txt").read_text()
    assert "virus.exe" in reason and "not supported" in reason


def test_a_folder_outside_the_allowed_roots_is_refused(alice, drop_root, inbox_collection, tmp_path):
    from aiplus.intake.services.folders import folder_create

    for path in ["/etc", str(drop_root / "scans" / ".." / ".."), "relative/path", str(drop_root / "missing")]:
        with pytest.raises(AiplusError) as refused:
            folder_create(actor=alice, path=path, collection_slug="inbox")
        assert "folder path" in refused.value.message


def test_another_departments_collection_cannot_be_watched(betty, drop_root, inbox_collection):
    from aiplus.intake.services.folders import folder_create

    with pytest.raises(AiplusError) as refused:
        folder_create(actor=betty, path=str(drop_root / "scans"), collection_slug="inbox")
    assert refused.value.code == "not_found"
