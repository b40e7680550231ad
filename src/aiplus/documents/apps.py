from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "aiplus.documents"
    label = "documents"
    verbose_name = "documents and collections"
