from django.urls import path

from aiplus.bots import public, views

app_name = "bots"
urlpatterns = [
    path("bots/", views.bots, name="bots"),
    path("bots/<slug:slug>/", public.bot_page, name="page"),
    path("bots/<slug:slug>/widget.js", public.widget_js, name="widget"),
    path("bots/<slug:slug>/ask", public.ask, name="ask"),
    path("bots/<slug:slug>/feedback", public.feedback, name="feedback"),
    path("bots/<slug:slug>/handoff", public.handoff, name="handoff"),
    path("bots/<slug:slug>/review/", views.review, name="review"),
    path("bots/<slug:slug>/evaluation/", views.evaluation_page, name="evaluation"),
]
