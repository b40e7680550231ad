from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "aiplus.privacy"
    label = "privacy"
    verbose_name = "Personal data"
