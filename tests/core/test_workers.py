"""Background work on rows (core.workers), through the documents and meetings that use it: a claim is kept
by its heartbeat, taken back only when the heartbeat stops, and work stops at the next page when its row is
deleted, its worker is stopping or it outgrew the quick lane."""

import io
import os
import socket
import threading
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from aiplus.core import workers
from aiplus.core.services import api_token_create
from aiplus.documents.models import Chunk, Document, Page, Status
from aiplus.documents.services import (
    DOCUMENT_WORK,
    collection_create,
    document_delete,
    document_process,
    documents_recover,
    ingest_stream,
)
from aiplus.meetings import services as meetings
from aiplus.meetings.models import Meeting, MeetingStatus
from tests.conftest import DOG_EN


@pytest.fixture
def collection(alice):
    return collection_create(actor=alice, slug="notices", name="Notices", department=alice.department)


def _queued(collection, actor, filename: str, data: bytes) -> Document:
    return ingest_stream(
        actor=actor, collection=collection, stream=io.BytesIO(data), filename=filename
    ).document


def _text_pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 750, f"Page {number} explains how to renew a dog licence at the counter.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _held_by_a_live_worker(document: Document, heartbeat_age: timedelta) -> None:
    """Claimed by a process on this machine that is alive (the test runner's parent), beating long ago."""
    Document.objects.filter(pk=document.pk).update(
        status=Status.PROCESSING,
        claimed_by=f"{socket.gethostname()}:{os.getppid()}",
        claimed_at=timezone.now() - timedelta(hours=3),
        heartbeat_at=timezone.now() - heartbeat_age,
    )


def test_a_claim_with_a_recent_heartbeat_is_kept_however_old_the_claim(collection, alice, settings):
    settings.AIPLUS_WORKER_STALE_SECONDS = 60
    document = _queued(collection, alice, "a.txt", DOG_EN.encode())
    _held_by_a_live_worker(document, heartbeat_age=timedelta(seconds=5))
    documents_recover(enqueue=False)
    document.refresh_from_db()
    assert document.status == Status.PROCESSING and document.claimed_by


def test_a_claim_whose_heartbeat_stopped_is_taken_back(collection, alice, settings):
    settings.AIPLUS_WORKER_STALE_SECONDS = 60
    document = _queued(collection, alice, "a.txt", DOG_EN.encode())
    _held_by_a_live_worker(document, heartbeat_age=timedelta(seconds=61))
    assert documents_recover(enqueue=False) == [document.pk]
    assert document_process(document_id=document.pk) == Status.READY


def test_a_pdf_records_page_n_of_m_and_the_api_and_page_show_it(collection, alice, client):
    document = _queued(collection, alice, "renewals.pdf", _text_pdf(3))
    assert document_process(document_id=document.pk) == Status.READY
    document.refresh_from_db()
    assert (document.progress_done, document.progress_total, document.page_count) == (3, 3, 3)

    # While a long scan is being read, the collection page and the API say how far it has got.
    Document.objects.filter(pk=document.pk).update(
        status=Status.PROCESSING, progress_done=2, progress_total=5
    )
    _, key = api_token_create(user=alice, name="test")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    body = api.get(f"/api/v1/documents/{document.pk}").json()
    assert (body["status"], body["progress_done"], body["progress_total"]) == ("processing", 2, 5)
    client.force_login(alice)
    status = client.get(reverse("documents:collection_status", args=[collection.slug]))
    assert "page 2 of 5" in status.content.decode()
    with translation.override("en"):  # the request's language is put back afterwards
        chinese = client.get(
            reverse("documents:collection_status", args=[collection.slug]), HTTP_ACCEPT_LANGUAGE="zh-hant"
        )
    assert "第 2 頁，共 5 頁" in chinese.content.decode()


def test_deleting_a_document_stops_its_work_at_the_next_page_and_nothing_is_written(
    collection, alice, settings
):
    settings.AIPLUS_WORKER_HEARTBEAT_SECONDS = 0  # beat (and so notice the delete) at every page
    document = _queued(collection, alice, "renewals.pdf", _text_pdf(3))

    def read_while_it_is_deleted(claim):
        claim.progress(1, 3)
        document_delete(actor=alice, document_id=document.pk)
        claim.progress(2, 3)  # the next page's checkpoint
        pytest.fail("the work should have stopped at the checkpoint")

    assert workers.work_run(DOCUMENT_WORK, document.pk, read_while_it_is_deleted) == "cancelled"
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Page.objects.filter(document_id=document.pk).exists()
    assert not Chunk.objects.filter(document_id=document.pk).exists()


def test_a_stopping_worker_gives_its_document_back_to_the_queue(collection, alice, monkeypatch):
    document = _queued(collection, alice, "renewals.pdf", _text_pdf(2))
    stopping = threading.Event()
    monkeypatch.setattr(workers, "_stop_requested", stopping)

    def read_until_sigterm(claim):
        claim.progress(1, 2)
        workers.worker_stop_request()  # what SIGTERM does in a worker
        claim.progress(2, 2)
        pytest.fail("the work should have stopped at the checkpoint")

    assert workers.work_run(DOCUMENT_WORK, document.pk, read_until_sigterm) == "interrupted"
    document.refresh_from_db()
    assert (document.status, document.claimed_by, document.attempts) == (Status.QUEUED, "", 1)
    assert not Chunk.objects.filter(document=document).exists()

    # A task the stopping worker still takes is left for the next worker, unclaimed.
    assert document_process(document_id=document.pk) == "interrupted"
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.QUEUED, 1)

    stopping.clear()  # the next worker
    assert document_process(document_id=document.pk) == Status.READY


def test_work_that_outgrows_the_quick_lane_is_handed_to_the_long_queue(
    collection, alice, settings, monkeypatch
):
    settings.AIPLUS_WORKER_QUICK_SECONDS = 0
    sent = []
    monkeypatch.setattr(workers, "work_enqueue", lambda kind, pk, queue: sent.append((kind.task, pk, queue)))
    document = _queued(collection, alice, "renewals.pdf", _text_pdf(2))
    workers.worker_lane_set(quick_only=True)
    try:
        assert document_process(document_id=document.pk) == "moved"
    finally:
        workers.worker_lane_set(quick_only=False)
    document.refresh_from_db()
    assert document.status == Status.QUEUED
    assert sent == [(DOCUMENT_WORK.task, document.pk, workers.LONG_QUEUE)]
    assert document_process(document_id=document.pk) == Status.READY  # the long lane reads it to the end


VTT = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Chair>We agreed to open a second counter on Monday.
"""


def test_a_meeting_being_processed_can_be_deleted_and_its_work_then_stops(amy, settings):
    settings.AIPLUS_WORKER_HEARTBEAT_SECONDS = 0
    meeting = meetings.meeting_create(actor=amy, stream=io.BytesIO(VTT.encode()), filename="counter.vtt")
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.WRITING)
    meeting.refresh_from_db()

    def write_while_it_is_deleted(claim):
        meetings.meeting_delete(actor=amy, meeting=meeting)
        claim.progress(1, 2)
        pytest.fail("the work should have stopped at the checkpoint")

    assert workers.work_run(meetings.MEETING_WORK, meeting.pk, write_while_it_is_deleted) == "cancelled"
    assert not Meeting.objects.exists()
    assert meetings.meeting_process(meeting_id=meeting.pk) == "skipped"
