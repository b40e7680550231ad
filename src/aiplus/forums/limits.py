"""Public registration is rate-limited per address (``AIPLUS_FORUM_REGISTRATIONS_PER_ADDRESS``), generously:
a department's officers often share one outgoing address."""

from ninja.throttling import SimpleRateThrottle

from aiplus.core.throttling import _RateFromSettings


class RegistrationThrottle(_RateFromSettings, SimpleRateThrottle):
    setting_name = "AIPLUS_FORUM_REGISTRATIONS_PER_ADDRESS"
    scope = "forum-registration"

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
