from django.urls import path

from aiplus.pilot import views_check

app_name = "pilot"
urlpatterns = [
    path("pilot/proofread/", views_check.proofread_page, name="proofread"),
    path("pilot/extract/", views_check.extract_page, name="extract"),
]
