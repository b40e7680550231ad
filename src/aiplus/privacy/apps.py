from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "aiplus.privacy"
    label = "privacy"
    verbose_name = "Personal data"

    def ready(self):
        from aiplus.privacy import checks  # noqa: F401  (registers the system checks)
