"""Real worker processes on long scans: a claim is kept alive by its heartbeat, SIGTERM gives the work back
to be finished once by the next worker, a delete stops the work, and ``aiplus serve`` looks after its workers.

Each page of these scans is read by OCR, a few seconds a page (more on a busy machine), so the jobs run
well past the stale time the tests set."""

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db.models import Count

from aiplus.documents.models import Chunk, Document, Page, Status
from aiplus.documents.services import collection_create, document_delete, documents_recover, ingest_stream
from tests.support.scans import scanned_pdf
from tests.support.worker import process_env, send_tasks_to_this_test, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FAST_HEARTBEAT = {"AIPLUS_WORKER_HEARTBEAT_SECONDS": "1", "AIPLUS_WORKER_STALE_SECONDS": "3"}


@pytest.fixture(autouse=True)
def _own_broker(settings):
    send_tasks_to_this_test(settings)


def _ingest_scan(actor, tmp_path: Path, pages: int, slug: str = "scans") -> Document:
    collection = collection_create(actor=actor, slug=slug, name=slug, department=actor.department)
    path = scanned_pdf(tmp_path / f"{slug}.pdf", pages=pages)
    with path.open("rb") as stream:
        return ingest_stream(actor=actor, collection=collection, stream=stream, filename=path.name).document


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.kill()
        worker.wait(timeout=30)


def _reading(document: Document):
    return lambda: Document.objects.filter(
        pk=document.pk, status=Status.PROCESSING, progress_done__gte=1
    ).exists()


def test_a_job_longer_than_the_stale_time_is_neither_taken_back_nor_done_twice(alice, settings, tmp_path):
    """GIVEN a worker reading a scan for much longer than the stale time (3 s), WHEN recovery runs again and
    again meanwhile, THEN the claim stays with the worker (its heartbeat is fresh) and the scan is read once."""
    settings.AIPLUS_WORKER_STALE_SECONDS = 3
    document = _ingest_scan(alice, tmp_path, pages=3)
    worker = start_worker(settings, **FAST_HEARTBEAT)
    try:
        wait_until(_reading(document), timeout=240, what="the worker to be reading the scan")
        started = time.monotonic()
        while Document.objects.get(pk=document.pk).status == Status.PROCESSING:
            assert time.monotonic() - started < 300, "the scan should be read within five minutes"
            time.sleep(3.5)  # longer than the stale time each round
            assert document.pk not in documents_recover(enqueue=False), "a live worker's claim was taken"
        ran_for = time.monotonic() - started
    finally:
        _stop(worker)
    document.refresh_from_db()
    assert document.status == Status.READY
    assert ran_for > 3
    assert document.attempts == 1


def test_sigterm_gives_the_job_back_and_the_next_worker_finishes_it_once(alice, settings, tmp_path):
    """GIVEN a worker part-way through a scan, WHEN it gets SIGTERM, THEN it exits at the next page without
    waiting for the scan, the scan is queued again, and a restarted worker reads it exactly once."""
    document = _ingest_scan(alice, tmp_path, pages=4)
    worker = start_worker(settings, **FAST_HEARTBEAT)
    try:
        wait_until(_reading(document), timeout=240, what="the worker to be reading the scan")
        worker.send_signal(signal.SIGTERM)
        asked = time.monotonic()
        worker.wait(timeout=90)  # one page of OCR at most, even on a busy machine
        stopped_after = time.monotonic() - asked
    finally:
        _stop(worker)
    document.refresh_from_db()
    assert (document.status, document.claimed_by) == (Status.QUEUED, ""), f"after {stopped_after:.0f} s"
    assert not Chunk.objects.filter(document=document).exists()

    worker = start_worker(settings, **FAST_HEARTBEAT)
    try:
        wait_until(
            lambda: Document.objects.get(pk=document.pk).status == Status.READY, timeout=300, what="the scan"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=90)
    document.refresh_from_db()
    assert document.attempts == 2
    ordinals = list(Chunk.objects.filter(document=document).values_list("ordinal", flat=True))
    assert ordinals == list(range(len(ordinals))) and ordinals
    assert not Page.objects.values("document", "number").annotate(n=Count("id")).filter(n__gt=1).exists()


def test_deleting_a_document_being_read_frees_the_worker_for_the_next_file(alice, betty, settings, tmp_path):
    """GIVEN a worker reading one department's scan and another department's note waiting behind it, WHEN
    the scan is deleted, THEN the worker stops reading it at the end of its page and reads the note."""
    scan = _ingest_scan(alice, tmp_path, pages=8)
    worker = start_worker(settings, **FAST_HEARTBEAT)
    try:
        wait_until(_reading(scan), timeout=240, what="the worker to be reading the scan")
        notes = collection_create(actor=betty, slug="pier", name="Pier", department=betty.department)
        note = ingest_stream(
            actor=betty,
            collection=notes,
            stream=io.BytesIO(b"The pier reopens on Monday."),
            filename="pier.txt",
        ).document
        time.sleep(3)
        assert Document.objects.get(pk=note.pk).status == Status.QUEUED, "the note waits behind the scan"
        document_delete(actor=alice, document_id=scan.pk)
        deleted = time.monotonic()
        # The worker stops once the page it is reading is done: a few seconds of OCR, a minute at worst on a
        # machine as busy as a shared test runner.
        wait_until(
            lambda: Document.objects.get(pk=note.pk).status == Status.READY, timeout=120, what="the note"
        )
        assert time.monotonic() - deleted < 120
        assert worker.poll() is None, "the worker keeps running"
    finally:
        _stop(worker)
    assert not Page.objects.filter(document_id=scan.pk).exists()
    assert not Chunk.objects.filter(document_id=scan.pk).exists()


def _children(pid: int) -> set[int]:
    """Live child processes of ``pid`` (from any of its threads: serve restarts workers from a thread)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_serve_restarts_a_worker_that_dies_and_stops_its_workers_with_itself(db, settings):
    port = _free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "aiplus", "serve", "--no-demo", "--port", str(port), "--mcp-port", "0"],
        env=process_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: len(_children(serve.pid)) == 2, timeout=120, what="serve to start two workers")
        wait_until(lambda: _answers(port), timeout=120, what="the web server to answer")
        first = _children(serve.pid)
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        wait_until(
            lambda: len(_children(serve.pid) - first) == 1 and len(_children(serve.pid)) == 2,
            timeout=60,
            what="serve to start a new worker in place of the dead one",
        )
        workers = _children(serve.pid)
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=90)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait(timeout=30)
    assert serve.returncode == 0
    assert not [pid for pid in workers if _alive(pid)], "serve's workers stop with it"


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False
