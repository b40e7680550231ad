from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "aiplus.briefs"
    label = "briefs"
    verbose_name = "Market briefs"
