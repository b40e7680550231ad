from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "aiplus.chat"
    label = "chat"
    verbose_name = "chat"
