"""With CELERY_BROKER_URL pointing at Redis, files ingested by one process are processed by a worker in
another, through Redis alone, and become searchable."""

import json
import os
import subprocess
import sys

import pytest

from aiplus.documents.models import Document, Status
from aiplus.documents.services import collection_create
from aiplus.search.services import search
from tests.conftest import DOG_EN, DOG_ZH, HAWKER_ZH
from tests.support.worker import process_env, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Database 15 of the machine's Redis belongs to this test (AIPLUS_TEST_REDIS_URL names another, so that
# two checkouts can run the suite side by side): it is emptied before and after.
REDIS_URL = os.environ.get("AIPLUS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_broker():
    """The Redis URL, once Redis answers. Not running: skipped on a workstation, a failure under CI."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except (redis.exceptions.RedisError, OSError) as error:
        client.close()
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} did not answer, and CI requires it: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({error}); start it to run this test")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


def _worker_answers(broker_url: str) -> bool:
    """Whether a worker consuming from this broker answers a ping."""
    from celery import Celery

    probe = Celery("probe", broker=broker_url, set_as_current=False)
    try:
        return bool(probe.control.ping(timeout=1.0))
    finally:
        probe.close()


def test_files_ingested_by_one_process_are_processed_by_a_worker_through_redis(
    redis_broker, alice, settings, tmp_path
):
    collection = collection_create(actor=alice, slug="notices", name="Notices", department=alice.department)
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "dog-en.txt").write_text(DOG_EN)
    (folder / "dog-zh.txt").write_text(DOG_ZH)
    (folder / "hawker-zh.txt").write_text(HAWKER_ZH)

    worker = start_worker(settings, broker_url=redis_broker)
    try:
        # Ingest only once the worker is listening: the queue it recovers on start is then empty, so the
        # only way the files can be processed is by the tasks the ingesting process sends through Redis.
        wait_until(lambda: _worker_answers(redis_broker), timeout=60, what="the worker to answer on Redis")
        command = ["ingest", str(folder), "--collection", "notices", "--user", "alice", "--json"]
        ingest = subprocess.run(
            [sys.executable, "-m", "aiplus", *command],
            env=process_env(settings, broker_url=redis_broker),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ingest.returncode == 0, ingest.stderr
        # Each file was stored and queued (the worker may already be at work on some by the time of the report).
        assert [row["outcome"] for row in json.loads(ingest.stdout)["files"]] == ["queued"] * 3

        documents = Document.objects.filter(collection=collection)
        wait_until(
            lambda: documents.filter(status=Status.READY).count() == 3,
            timeout=120,
            what="the worker to make every file ready",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert sorted(documents.values_list("source_id", flat=True)) == [
        "dog-en.txt",
        "dog-zh.txt",
        "hawker-zh.txt",
    ]
    for query, expected in [
        ("renewal fee", "dog-en.txt"),
        ("狗只牌照续期", "dog-zh.txt"),
        ("小販牌照申請", "hawker-zh.txt"),
    ]:
        hits = search(actor=alice, query=query, collections=[collection])
        assert hits and hits[0].source_id == expected, (query, [hit.source_id for hit in hits])
