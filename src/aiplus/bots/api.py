"""The public bots' REST endpoints: no token needed, each visitor rate-limited per bot (as the page is)."""

from ninja import Path, Router

from aiplus.bots import services
from aiplus.bots.limits import BotClientThrottle
from aiplus.bots.public import widget_labels
from aiplus.bots.schemas import BotAskIn, BotOut, BotReplyOut
from aiplus.core.schemas import error_responses
from aiplus.core.throttling import client_address

router = Router(tags=["public bots"])

# A bot's short name, as ``core.validation`` allows it; anything else is refused as 422 before any lookup.
SLUG = Path(..., pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=50)


@router.get(
    "/bots/{slug}", auth=None, throttle=[BotClientThrottle()], response={200: BotOut, **error_responses(404)}
)
def bot_info(request, slug: str = SLUG):
    bot = services.bot_get(slug)
    greeting = bot.greeting or widget_labels(bot)["greeting"]
    return {"slug": bot.slug, "name": bot.name, "greeting": greeting, "language": bot.language}


@router.post(
    "/bots/{slug}/ask",
    auth=None,
    throttle=[BotClientThrottle()],
    response={200: BotReplyOut, **error_responses(404)},
)
def bot_ask(request, payload: BotAskIn, slug: str = SLUG):
    bot = services.bot_get(slug)
    client = services.client_fingerprint(client_address(request))
    return services.bot_reply(
        bot=bot, question=payload.question, conversation=payload.conversation, client=client
    ).as_dict()
