from django.urls import path

from guatu.indicators import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.board_page, name="board"),
    path("indicators/rank/", views.rank_page, name="rank"),
    path("indicators/drill/", views.drill_page, name="drill"),
]
