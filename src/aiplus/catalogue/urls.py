from django.urls import path

from aiplus.catalogue import needs_views, views

app_name = "catalogue"
urlpatterns = [
    path("catalogue/", views.browse, name="browse"),
    path("catalogue/register/", views.register, name="register"),
    path("catalogue/workspace/", views.workspace, name="workspace"),
    path("catalogue/solutions/new/", views.solution_form, name="solution_new"),
    path("catalogue/solutions/<str:public_id>/", views.solution_page, name="solution"),
    path("catalogue/solutions/<str:public_id>/edit/", views.solution_form, name="solution_edit"),
    path(
        "catalogue/solutions/<str:public_id>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("catalogue/needs/", needs_views.needs, name="needs"),
    path("catalogue/needs/new/", needs_views.need_form, name="need_new"),
    path("catalogue/needs/<int:need_id>/", needs_views.need_page, name="need"),
    path("catalogue/needs/<int:need_id>/act/", needs_views.need_action, name="need_action"),
]
