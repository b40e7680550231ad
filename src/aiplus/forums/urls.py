from django.urls import path

from aiplus.forums import views

app_name = "forums"
urlpatterns = [
    path("forums/", views.events, name="events"),
    path("forums/<slug:slug>/", views.event, name="event"),
    path("forums/<slug:slug>/manage/", views.manage, name="manage"),
    path("forums/<slug:slug>/scan/", views.scan, name="scan"),
    path("forums/<slug:slug>/statistics.<str:file_format>", views.statistics_file, name="statistics_file"),
    path("forums/series/<slug:slug>/statistics.<str:file_format>", views.series_file, name="series_file"),
    path("forums/registration/<str:code>/", views.registration, name="registration"),
    path("forums/check-in/<str:code>/", views.check_in, name="check_in"),
]
