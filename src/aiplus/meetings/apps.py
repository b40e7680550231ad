from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "aiplus.meetings"
    label = "meetings"
    verbose_name = "meetings"
