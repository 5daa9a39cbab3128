from django.urls import path

from guatu.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<str:code>/", views.project_detail, name="project_detail"),
    path("projects/<str:code>/reports/new/", views.report_edit, name="report_create"),
    path("projects/<str:code>/reports/<int:year>-<int:month>/", views.report_edit, name="report_edit"),
]
