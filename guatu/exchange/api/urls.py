from django.urls import path

from guatu.exchange.api import views

urlpatterns = [
    path("imports/", views.ImportView.as_view(), name="api-import"),
    path("exports/<str:kind>/", views.ExportView.as_view(), name="api-export"),
]
