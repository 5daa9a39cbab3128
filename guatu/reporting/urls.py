from django.urls import path

from guatu.reporting import views

app_name = "reporting"
urlpatterns = [
    path("reporting/", views.status_page, name="status"),
    path("reporting/export.<str:fmt>", views.status_export, name="export"),
    path("reporting/calendar/", views.calendar_page, name="calendar"),
    path("reporting/calendar/open/", views.month_open, name="month_open"),
    path("reporting/calendar/<int:pk>/close/", views.month_close, name="month_close"),
    path("reporting/calendar/<int:pk>/reopen/", views.month_reopen, name="month_reopen"),
    path("reporting/policy/", views.policy_edit, name="policy"),
]
