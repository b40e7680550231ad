from django.urls import path

from aiplus.briefs import views

app_name = "briefs"
urlpatterns = [
    path("briefs/", views.briefs, name="list"),
    path("briefs/<int:brief_id>/", views.brief_page, name="brief"),
    path("briefs/<int:brief_id>/download.<str:fmt>", views.brief_download, name="download"),
]
