from django.urls import path

from guatu.funds import edit_views, views

app_name = "funds"
urlpatterns = [
    path("funds/", views.overview, name="overview"),
    path("funds/list/", views.fund_list, name="fund_list"),
    path("funds/new/", edit_views.fund_edit, name="fund_create"),
    path("funds/investments/", views.investment_list, name="investment_list"),
    path("funds/commitments/", views.commitment_list, name="commitment_list"),
    path("funds/export/<str:kind>.<str:fmt>", views.export, name="export"),
    path("funds/template/<str:kind>.xlsx", views.template, name="template"),
    path("funds/fund/<str:code>/", views.fund_detail, name="fund_detail"),
    path("funds/fund/<str:code>/edit/", edit_views.fund_edit, name="fund_edit"),
    path("funds/fund/<str:code>/commitments/new/", edit_views.commitment_edit, name="commitment_create"),
    path("funds/fund/<str:code>/commitments/<int:pk>/", edit_views.commitment_edit, name="commitment_edit"),
    path("funds/fund/<str:code>/investments/new/", edit_views.investment_edit, name="investment_create"),
    path("funds/fund/<str:code>/investments/<int:pk>/", edit_views.investment_edit, name="investment_edit"),
]
