from django.urls import path

from guatu.exchange.api import views

urlpatterns = [
    path("imports/", views.ImportView.as_view(), name="api-import"),
    path("imports/jobs/<str:token>/", views.ImportJobView.as_view(), name="api-import-job"),
    path("imports/jobs/<str:token>/commit/", views.ImportCommitView.as_view(), name="api-import-commit"),
    path("exports/<str:kind>/", views.ExportView.as_view(), name="api-export"),
]
