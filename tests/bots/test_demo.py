"""The demo's hotline bot: a fresh install has a working bilingual bot over the demo FAQ."""

from aiplus.bots.demo import DEMO_BOT, demo_golden_path, load_demo_bot
from aiplus.bots.evaluation import eval_run, golden_read
from aiplus.bots.services import bot_answer, bot_get
from aiplus.core.access import OPERATOR


def test_the_demo_bot_answers_in_both_languages_and_its_golden_set_runs(dsd):
    load_demo_bot(dsd)
    load_demo_bot(dsd)  # once only
    bot = bot_get(DEMO_BOT)
    english = bot_answer(bot=bot, question="How much does a dog licence cost?", client_id="t")
    assert english.answered and english.engine == "faq"
    chinese = bot_answer(bot=bot, question="領狗隻牌照要付多少費用？", client_id="t")
    assert chinese.answered and chinese.citations[0].source_id == english.citations[0].source_id

    rows = golden_read(demo_golden_path().read_bytes(), name="demo_golden.csv")
    run = eval_run(actor=OPERATOR, bot=bot, rows=rows, golden_name="demo_golden.csv")
    assert run.questions == len(rows) > 0
    assert run.answerable and run.should_decline
    print(f"demo golden set: hit@1 {run.hit_at_1:.3f}, correct declines {run.correct_declines:.3f}")
