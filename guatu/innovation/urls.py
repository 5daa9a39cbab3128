from django.urls import path

from guatu.innovation import edit_views, views

app_name = "innovation"
urlpatterns = [
    path("innovation/", views.platform_list, name="platform_list"),
    path("innovation/ranking/", views.ranking_page, name="ranking"),
    path("innovation/outputs/", views.outputs_page, name="outputs"),
    path("innovation/export/<str:kind>.<str:fmt>", views.export, name="export"),
    path("innovation/template/<str:kind>.xlsx", views.template, name="template"),
    path("innovation/schemes/", edit_views.scheme_list, name="scheme_list"),
    path("innovation/schemes/new/", edit_views.scheme_edit, name="scheme_create"),
    path("innovation/schemes/<int:pk>/", edit_views.scheme_detail, name="scheme_detail"),
    path("innovation/schemes/<int:pk>/edit/", edit_views.scheme_edit, name="scheme_edit"),
    path("innovation/schemes/<int:pk>/copy/", edit_views.scheme_copy, name="scheme_copy"),
    path("innovation/platforms/new/", edit_views.platform_edit, name="platform_create"),
    path("innovation/platforms/<str:code>/", views.platform_detail, name="platform_detail"),
    path("innovation/platforms/<str:code>/edit/", edit_views.platform_edit, name="platform_edit"),
    path("innovation/platforms/<str:code>/years/", views.year_on_year_page, name="year_on_year"),
    path("innovation/platforms/<str:code>/scorecard/<int:year>/", views.scorecard_page, name="scorecard"),
    path("innovation/platforms/<str:code>/outputs/new/", edit_views.output_edit, name="output_create"),
    path("innovation/platforms/<str:code>/outputs/<int:year>/", edit_views.output_edit, name="output_edit"),
]
