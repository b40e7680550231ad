from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "aiplus.faq"
    label = "faq"
    verbose_name = "FAQ"
