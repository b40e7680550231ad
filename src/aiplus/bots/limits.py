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

    def get_cache_key(self, request) -> str:
        slug = (getattr(request, "resolver_match", None) and request.resolver_match.kwargs.get("slug")) or ""
        return self.cache_format % {"scope": f"{self.scope}-{slug}", "ident": self.get_ident(request)}


def seconds_to_wait(throttle: BotClientThrottle) -> int:
    wait = throttle.wait() or 1
    return max(1, int(wait + 0.999))
