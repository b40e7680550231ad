from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "aiplus.core"
    label = "core"
    verbose_name = "aiplus core"
