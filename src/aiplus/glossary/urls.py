from django.urls import path

from aiplus.glossary import views

app_name = "glossary"
urlpatterns = [
    path("glossary/", views.glossaries, name="glossaries"),
    path("glossary/<slug:code>/", views.glossary_page, name="glossary"),
    path("glossary/<slug:code>/terms/<int:term_id>/", views.term_edit, name="term_edit"),
]
