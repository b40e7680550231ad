from django.urls import path

from aiplus.pilot import views, views_check

app_name = "pilot"
urlpatterns = [
    path("assistant/documents/", views.pilot_page, name="pilot"),
    path("assistant/documents/jobs/<int:job_id>/", views.job_page, name="job"),
    path("assistant/documents/jobs/<int:job_id>/status/", views.job_status, name="status"),
    path("assistant/documents/jobs/<int:job_id>/cancel/", views.job_cancel, name="cancel"),
    path("assistant/documents/jobs/<int:job_id>/save/", views.job_save, name="save"),
    path("assistant/documents/jobs/<int:job_id>/result.<str:fmt>", views.job_download, name="download"),
    path("assistant/documents/proofread/", views_check.proofread_page, name="proofread"),
    path("assistant/documents/extract/", views_check.extract_page, name="extract"),
]
