"""Public forms are rate-limited per visitor (address) and form, on the same throttle as the public bots
(``AIPLUS_INTAKE_FORM_RATE_PER_CLIENT``, read on each request)."""

from aiplus.bots.limits import BotClientThrottle


class FormClientThrottle(BotClientThrottle):
    setting_name = "AIPLUS_INTAKE_FORM_RATE_PER_CLIENT"
    scope = "form"
