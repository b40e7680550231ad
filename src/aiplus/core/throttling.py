"""API rate limits per user and per address, on django-ninja's own throttles.

The rates are read from settings on each request, not when the API is built at import time, so an operator's
``AIPLUS_API_RATE_PER_USER`` / ``AIPLUS_API_RATE_PER_ADDRESS`` (and a test's override) always apply. The
counts live in Django's cache: per process by default, shared by every web process when ``AIPLUS_CACHE_URL``
points at Redis.
"""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle, UserRateThrottle


def client_address(request) -> str:
    """The caller's address: the socket's peer, or, behind ``AIPLUS_TRUSTED_PROXIES`` proxies, the address
    the outermost trusted proxy saw. ``X-Forwarded-For`` is never trusted otherwise, since any client can
    write it (django-ninja's own default would trust it). Used by the API throttles and by django-axes."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.AIPLUS_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return peer
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-min(proxies, len(hops))] if hops else peer


class _RateFromSettings:
    setting_name = ""

    def get_ident(self, request) -> str:
        return client_address(request)

    def __init__(self) -> None:  # the rate is read per request, in allow_request
        self.rate = None

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting_name)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class UserThrottle(_RateFromSettings, UserRateThrottle):
    """Calls by one signed-in user (or, before sign-in, one address)."""

    setting_name = "AIPLUS_API_RATE_PER_USER"
    scope = "user"


class AddressThrottle(_RateFromSettings, SimpleRateThrottle):
    """Calls from one network address, checked before the token, so token guessing is limited too."""

    setting_name = "AIPLUS_API_RATE_PER_ADDRESS"
    scope = "address"

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
