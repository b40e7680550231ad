"""The demo's public bot: the Demo Services Department's bilingual FAQ (``aiplus/demo/faq``) behind a hotline
bot, so a fresh install shows a working bot at /bots/dsd-hotline/."""

from importlib import resources

from aiplus.bots.models import Bot
from aiplus.bots.services import bot_create
from aiplus.core.access import OPERATOR
from aiplus.core.models import Department
from aiplus.documents import services as documents
from aiplus.documents.models import Collection, Visibility

DEMO_BOT = "dsd-hotline"
DEMO_FAQ = "dsd-faq"


def demo_golden_path():
    return resources.files("aiplus.demo").joinpath("faq/demo_golden.csv")


def load_demo_bot(department: Department, *, also: list[str] = ()) -> Bot:
    """The demo FAQ collection (imported from the bundled CSV) and a bilingual bot over it; once only."""
    from aiplus.faq.services import faq_import

    existing = Bot.objects.filter(slug=DEMO_BOT).first()
    if existing is not None:
        return existing
    faq = Collection.objects.filter(slug=DEMO_FAQ).first() or documents.collection_create(
        actor=OPERATOR,
        slug=DEMO_FAQ,
        name="Hotline FAQ / 熱線常見問題",
        department=department,
        visibility=Visibility.PUBLIC,
        kind="faq",
    )
    source = resources.files("aiplus.demo").joinpath("faq/demo_faq.csv")
    with source.open("rb") as stream:
        faq_import(actor=OPERATOR, collection=faq, path_or_file=stream, filename="demo_faq.csv")
    return bot_create(
        actor=OPERATOR,
        slug=DEMO_BOT,
        name="DSD hotline / 示範服務署熱線",
        department=department,
        collections=[DEMO_FAQ, *also],
        language="en",
        greeting="Hello! Ask me about dog and hawker licences, bad weather or libraries, in English or 中文.",
    )
