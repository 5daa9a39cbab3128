from django.urls import path

from guatu.projects import edit_views, report_views, views

app_name = "projects"
urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", edit_views.project_edit, name="project_create"),
    path("projects/<str:code>/", views.project_detail, name="project_detail"),
    path("projects/<str:code>/edit/", edit_views.project_edit, name="project_edit"),
    path("projects/<str:code>/plans/", edit_views.project_plans, name="project_plans"),
    path("projects/<str:code>/reports/new/", report_views.report_edit, name="report_create"),
    path("projects/<str:code>/reports/<int:year>-<int:month>/", report_views.report_edit, name="report_edit"),
    path(
        "projects/<str:code>/reports/<int:year>-<int:month>/correct/",
        report_views.report_correct,
        name="report_correct",
    ),
    path(
        "projects/<str:code>/reports/<int:year>-<int:month>/<str:step>/",
        report_views.report_transition,
        name="report_transition",
    ),
    path("reports/review/", report_views.review_queue, name="review_queue"),
]
