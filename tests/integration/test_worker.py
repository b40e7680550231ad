"""A real Celery worker processes the queue; killed mid-batch and restarted, it finishes every document once."""

import io
import signal

import pytest
from django.db.models import Count

from aiplus.documents.models import Chunk, Document, Page, Status
from aiplus.documents.services import collection_create, ingest_stream
from tests.support.worker import start_worker, wait_until

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

    worker = start_worker(settings)
    try:
        wait_until(
            lambda: (
                documents.filter(status=Status.READY).count() >= 2
                # a scan, whose OCR takes long enough that the kill lands in the middle of it
                and documents.filter(status=Status.PROCESSING, file_type="image").exists()
            ),
            timeout=120,
            what="the worker to be part-way through the batch",
        )
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    interrupted = list(documents.exclude(status=Status.READY).values_list("pk", flat=True))
    assert interrupted, "the kill should land before the batch is done"
    held = list(documents.filter(status=Status.PROCESSING).values_list("pk", flat=True))
    assert held, "the kill should land while a document is being processed"

    worker = start_worker(settings)
    try:
        wait_until(
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
    assert documents.filter(pk__in=held, attempts__gte=2).count() == len(held), (
        "the documents being processed at the kill were retried"
    )
