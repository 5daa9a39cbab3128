from django.urls import path

from guatu.schedules import views

app_name = "schedules"
urlpatterns = [
    path("battle-map/", views.battle_map_page, name="battle_map"),
    path("battle-map/export.<str:fmt>", views.battle_map_export, name="battle_map_export"),
    path("warnings/", views.warnings_page, name="warnings"),
    path("problems/", views.problem_list, name="problem_list"),
    path("problems/<int:pk>/transition/", views.problem_transition, name="problem_transition"),
    path("projects/<str:code>/milestones/", views.project_milestones, name="project_milestones"),
    path("projects/<str:code>/milestones/<str:action>/", views.project_plan_action, name="project_plan_action"),
    path("projects/<str:code>/problems/new/", views.problem_create, name="problem_create"),
]
