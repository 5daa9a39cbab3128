from django.urls import path

from guatu.attraction import edit_views, views

app_name = "attraction"
urlpatterns = [
    path("attraction/", views.overview, name="overview"),
    path("attraction/mine/", views.my_leads, name="my_leads"),
    path("attraction/leads/", views.lead_list, name="lead_list"),
    path("attraction/leads/new/", edit_views.lead_edit, name="lead_create"),
    path("attraction/leads/export.<str:fmt>", views.lead_export, name="lead_export"),
    path("attraction/templates/<str:kind>.xlsx", views.template_download, name="template"),
    path("attraction/events/", views.event_list, name="event_list"),
    path("attraction/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("attraction/leads/<str:code>/", views.lead_detail, name="lead_detail"),
    path("attraction/leads/<str:code>/edit/", edit_views.lead_edit, name="lead_edit"),
    path("attraction/leads/<str:code>/transition/", edit_views.lead_transition, name="lead_transition"),
    path("attraction/leads/<str:code>/convert/", edit_views.lead_convert, name="lead_convert"),
    path("attraction/leads/<str:code>/<str:kind>/new/", edit_views.item_edit, name="item_create"),
    path("attraction/leads/<str:code>/<str:kind>/<int:pk>/", edit_views.item_edit, name="item_edit"),
    path("attraction/leads/<str:code>/<str:kind>/<int:pk>/delete/", edit_views.item_delete, name="item_delete"),
]
