from django.urls import path

from aiplus.faq import views

app_name = "faq"
urlpatterns = [
    path("collections/<slug:slug>/faq/", views.faq_page, name="faq"),
    path("collections/<slug:slug>/faq/<str:entry_id>/<str:language>/", views.entry_edit, name="entry_edit"),
]
