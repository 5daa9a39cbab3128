from django.urls import path

from guatu.exchange import views

app_name = "exchange"
urlpatterns = [
    path("imports/", views.import_page, name="import"),
    path("imports/commit/", views.import_commit, name="import_commit"),
    path("templates/<str:kind>.xlsx", views.template_view, name="template"),
    path("exports/<str:kind>.<str:fmt>", views.export_view, name="export"),
]
