from django.urls import path

from guatu.exchange import views

app_name = "exchange"
urlpatterns = [
    path("imports/", views.import_page, name="import"),
    path("imports/jobs/<str:token>/", views.job_page, name="job"),
    path("imports/jobs/<str:token>/status/", views.job_status, name="job_status"),
    path("imports/jobs/<str:token>/commit/", views.job_commit, name="job_commit"),
    path("templates/<str:kind>.xlsx", views.template_view, name="template"),
    path("exports/<str:kind>.<str:fmt>", views.export_view, name="export"),
]
