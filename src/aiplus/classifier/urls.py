from django.urls import path

from aiplus.classifier import views

app_name = "classifier"
urlpatterns = [
    path("classifiers/", views.classifiers, name="classifiers"),
    path("classifiers/<slug:code>/<slug:slug>/", views.classifier_page, name="classifier"),
    path("classifiers/<slug:code>/<slug:slug>/review/", views.review_queue, name="review"),
]
