from django.urls import path

from aiplus.meetings import views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/templates/", views.minutes_templates, name="templates"),
    path("meetings/roles/", views.roles, name="roles"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<int:meeting_id>/status/", views.meeting_status, name="status"),
    path("meetings/<int:meeting_id>/transcript/", views.transcript, name="transcript"),
    path("meetings/<int:meeting_id>/minutes/", views.regenerate, name="regenerate"),
    path("meetings/<int:meeting_id>/delete/", views.delete, name="delete"),
    path("meetings/<int:meeting_id>/minutes.<str:fmt>", views.export, name="export"),
]
