"""A real worker embeds what the office publishes; search then finds a solution by meaning as well as by
words."""

import pytest

from aiplus.catalogue.models import SolutionVersion
from aiplus.catalogue.search import catalogue_search
from aiplus.llm import embeddings
from tests.catalogue.conftest import make_solution
from tests.support.worker import send_tasks_to_this_test, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PARAPHRASE = "write down what people say on the telephone"


def test_published_solutions_get_vectors_from_a_worker_and_search_uses_them(vera, amy, settings):
    """GIVEN published solutions WHEN no worker has run THEN the paraphrase finds nothing by words; WHEN a
    worker has embedded them THEN the paraphrase finds the transcriber first."""
    send_tasks_to_this_test(settings)
    transcriber = make_solution(vera)
    make_solution(
        vera,
        name_en="Invoice Capture",
        name_zh="發票擷取",
        summary_en="Reads supplier invoices and prepares payment vouchers.",
        summary_zh="讀取供應商發票並準備付款憑單。",
        description="",
        categories=["digitise"],
    )
    assert catalogue_search(actor=amy, query=PARAPHRASE).total == 0
    worker = start_worker(settings)
    try:
        model = embeddings.model_name()
        wait_until(
            lambda: SolutionVersion.objects.filter(vector_model=model).count() == 2, 240, "the vectors"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    found = catalogue_search(actor=amy, query=PARAPHRASE)
    assert found.hits[0].id == str(transcriber.public_id)
