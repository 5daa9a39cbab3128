from django.urls import path

from guatu.safety import views

app_name = "safety"
urlpatterns = [
    path("safety/", views.overview, name="overview"),
    path("safety/hazards/", views.hazard_list, name="hazard_list"),
    path("safety/hazards/<int:pk>/", views.hazard_detail, name="hazard_detail"),
    path("safety/hazards/<int:pk>/edit/", views.hazard_edit, name="hazard_edit"),
    path("safety/hazards/<int:pk>/transition/", views.hazard_transition, name="hazard_transition"),
    path("safety/inspections/", views.inspection_list, name="inspection_list"),
    path("safety/inspections/new/", views.inspection_create, name="inspection_create"),
    path("safety/inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("safety/inspections/<int:pk>/edit/", views.inspection_edit, name="inspection_edit"),
    path("safety/inspections/<int:inspection_pk>/hazards/new/", views.hazard_create, name="hazard_create"),
    path("safety/accidents/", views.accident_list, name="accident_list"),
    path("safety/accidents/new/", views.accident_create, name="accident_create"),
    path("safety/accidents/<int:pk>/", views.accident_detail, name="accident_detail"),
    path("safety/accidents/<int:pk>/edit/", views.accident_edit, name="accident_edit"),
    path("safety/export/<str:kind>.<str:fmt>", views.export, name="export"),
    path("safety/templates/<str:kind>.xlsx", views.template, name="template"),
]
