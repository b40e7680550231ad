from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "aiplus.catalogue"
    label = "catalogue"
    verbose_name = "AI+ Tool and Solution Catalogue"
