"""A real Celery worker processes the queue; killed mid-batch and restarted, it finishes every document once."""

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.db.models import Count

from aiplus.documents.models import Chunk, Document, Page, Status
from aiplus.documents.services import collection_create, ingest_stream

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _scan(text: str) -> bytes:
    """A PNG of a line of text: OCR makes each one take a second or two, so a kill lands mid-batch."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 36)
    image = Image.new("RGB", (1400, 400), "white")
    draw = ImageDraw.Draw(image)
    for row in range(3):
        draw.text((40, 60 + row * 100), text, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    return f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"


def _start_worker(settings) -> subprocess.Popen:
    env = {
        **os.environ,
        "AIPLUS_HOME": str(settings.AIPLUS_HOME),
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": "filesystem://",
        "AIPLUS_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "aiplus", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_a_killed_worker_loses_nothing_and_repeats_nothing(alice, settings):
    collection = collection_create(actor=alice, slug="scans", name="Scans", department=alice.department)
    for number in range(8):
        ingest_stream(
            actor=alice,
            collection=collection,
            stream=io.BytesIO(_scan(f"Notice {number} 通告第{number}號 續期")),
            filename=f"scan-{number}.png",
        )
        ingest_stream(
            actor=alice,
            collection=collection,
            stream=io.BytesIO(f"Plain note number {number}.".encode()),
            filename=f"note-{number}.txt",
        )
    documents = Document.objects.filter(collection=collection)
    assert documents.count() == 16

    worker = _start_worker(settings)
    try:
        _wait(
            lambda: (
                documents.filter(status=Status.READY).count() >= 2
                and documents.filter(status=Status.PROCESSING).exists()
            ),
            timeout=120,
            what="the worker to be part-way through the batch",
        )
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    interrupted = list(documents.exclude(status=Status.READY).values_list("pk", flat=True))
    assert interrupted, "the kill should land before the batch is done"

    worker = _start_worker(settings)
    try:
        _wait(
            lambda: documents.filter(status=Status.READY).count() == 16,
            timeout=240,
            what="every document to be ready",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert not documents.exclude(status=Status.READY).exists()
    # Exactly once: each document's passages and pages appear once, numbered without gaps or repeats.
    for document in documents:
        ordinals = list(Chunk.objects.filter(document=document).values_list("ordinal", flat=True))
        assert ordinals == list(range(len(ordinals))) and ordinals
    assert not Page.objects.values("document", "number").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert documents.filter(attempts__gte=2).exists(), "the document being processed at the kill was retried"
