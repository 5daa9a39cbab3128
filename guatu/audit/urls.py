from django.urls import path

from guatu.audit import views

app_name = "audit"
urlpatterns = [
    path("changes/", views.change_list, name="change_list"),
    path("changes/<str:app_label>.<str:model>/<int:pk>/", views.object_changes, name="object_changes"),
]
