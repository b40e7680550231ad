"""The knowledge owner's pages: publish a bot, work the review queue, run evaluations and see the trend."""

from django.core.files.uploadedfile import SimpleUploadedFile

from aiplus.bots.models import Bot, EvalRun
from tests.integration.test_cli_bots import GOLDEN


def test_a_knowledge_owner_publishes_a_bot_from_the_page(client, alice, guidance, pier_notes):
    client.force_login(alice)
    page = client.get("/bots/").content.decode()
    assert "guidance" in page and "pier-notes" not in page  # only collections the department may use
    response = client.post(
        "/bots/",
        {"slug": "dog-bot", "name": "Dog helper", "language": "zh-hant", "collections": ["guidance"]},
    )
    assert response.status_code == 302
    bot = Bot.objects.get(slug="dog-bot")
    assert [c.slug for c in bot.collections.all()] == ["guidance"]
    assert "/bots/dog-bot/widget.js" in client.get("/bots/").content.decode()


def test_publishing_over_another_departments_collection_is_refused_on_the_page(client, alice, pier_notes):
    client.force_login(alice)
    response = client.post("/bots/", {"slug": "leaky", "name": "Leaky", "collections": ["pier-notes"]})
    assert response.status_code == 404
    assert not Bot.objects.exists()


def test_members_and_other_departments_cannot_open_the_queue_or_evaluations(client, amy, betty, dog_bot):
    for person in (amy, betty):
        client.force_login(person)
        assert client.get("/bots/dog-bot/review/").status_code == 404
        assert client.get("/bots/dog-bot/evaluation/").status_code == 404
        assert client.post("/bots/", {"slug": "x", "name": "X", "collections": ["guidance"]}).status_code in {
            403,
            404,
        }


def test_the_evaluation_page_keeps_runs_and_shows_a_drop(client, alice, dog_bot):
    client.force_login(alice)
    upload = SimpleUploadedFile("golden.csv", GOLDEN.encode(), content_type="text/csv")
    assert client.post("/bots/dog-bot/evaluation/", {"golden": upload}).status_code == 302

    from aiplus.documents.models import Document
    from aiplus.search.services import drop_cached_indexes

    Document.objects.filter(source_id="dog-en.txt").delete()
    drop_cached_indexes()
    upload = SimpleUploadedFile("golden.csv", GOLDEN.encode(), content_type="text/csv")
    client.post("/bots/dog-bot/evaluation/", {"golden": upload})
    assert EvalRun.objects.filter(bot=dog_bot).count() == 2
    page = client.get("/bots/dog-bot/evaluation/").content.decode()
    assert "worse by 50.0 points" in page
    assert "100.0%" in page


def test_a_file_that_is_not_a_golden_set_is_explained_in_chinese(client, alice, dog_bot):
    client.force_login(alice)
    upload = SimpleUploadedFile("wrong.csv", b"id,query\n1,hello\n", content_type="text/csv")
    response = client.post("/bots/dog-bot/evaluation/", {"golden": upload}, HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 400
    assert "question,expected_id,wording" in response.content.decode()
    assert "標準答案集" in response.content.decode()
    assert not EvalRun.objects.exists()


def test_the_review_page_suggests_entries_and_saves_the_picked_one(client, alice, hotline_bot):
    from aiplus.bots.services import bot_answer, bot_reply, exchange_rate
    from aiplus.faq.models import FaqEntry

    asked = "My passport is about to run out, what now?"
    reply = bot_reply(bot=hotline_bot, question=asked, conversation="conv-00000009", client="c9")
    exchange_rate(bot=hotline_bot, exchange_id=reply.exchange.pk, rating="down", client="c9")
    client.force_login(alice)
    page = client.get("/bots/hotline/review/").content.decode()
    assert 'name="entry_id" value="passport"' in page
    assert "Another wording of passport" in page and "(match " in page
    assert '<datalist id="faq-entries">' in page and '<option value="dog-licence">' in page
    chinese = client.get("/bots/hotline/review/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "passport 的另一種問法" in chinese and "吻合度" in chinese
    assert "以下方核准答案建立新的常見問題項目" in chinese

    response = client.post(
        "/bots/hotline/review/", {"kind": "exchange", "item": reply.exchange.pk, "entry_id": "passport"}
    )
    assert response.status_code == 302
    assert asked in FaqEntry.objects.get(entry_id="passport", language="en").alternatives
    assert bot_answer(bot=hotline_bot, question=asked, client_id="t").citations[0].source_id == "passport"
