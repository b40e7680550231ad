from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "aiplus.forums"
    label = "forums"
    verbose_name = "Technology forums and matching workshops"
