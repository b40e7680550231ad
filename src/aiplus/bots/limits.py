"""Per-visitor rate limits on the public bots, on the same django-ninja throttle as the API's limits.

The rate is read from ``AIPLUS_BOT_RATE_PER_CLIENT`` on each request; counts live in Django's cache (shared by
every web process when ``AIPLUS_CACHE_URL`` points at Redis). A visitor is their address (see
``aiplus.core.throttling.client_address`` for proxies), counted per bot.
"""

from ninja.throttling import SimpleRateThrottle

from aiplus.core.throttling import _RateFromSettings


class BotClientThrottle(_RateFromSettings, SimpleRateThrottle):
    setting_name = "AIPLUS_BOT_RATE_PER_CLIENT"
    scope = "bot"

    def bot_slug(self, request) -> str:
        return (getattr(request, "resolver_match", None) and request.resolver_match.kwargs.get("slug")) or ""

    def get_cache_key(self, request) -> str:
        return self.cache_format % {
            "scope": f"{self.scope}-{self.bot_slug(request)}",
            "ident": self.get_ident(request),
        }


class BotApiUserThrottle(BotClientThrottle):
    """The same limit on a bot asked through the chat API (``/v1``), where the bot is named in the body, not
    the address, and the asker is the token's user: per user and bot, as the page's is per visitor and bot."""

    def __init__(self, bot_slug: str) -> None:
        super().__init__()
        self._bot_slug = bot_slug

    def bot_slug(self, request) -> str:
        return self._bot_slug

    def get_ident(self, request) -> str:
        return f"user-{request.user.pk}"


def seconds_to_wait(throttle: BotClientThrottle) -> int:
    wait = throttle.wait() or 1
    return max(1, int(wait + 0.999))
