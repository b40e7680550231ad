from django.apps import AppConfig


class BotsConfig(AppConfig):
    name = "aiplus.bots"
    label = "bots"
    verbose_name = "public bots"
