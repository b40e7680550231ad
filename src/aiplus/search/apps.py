from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "aiplus.search"
    label = "search"
    verbose_name = "bilingual search"
