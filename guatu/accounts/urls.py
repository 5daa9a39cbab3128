from django.urls import path

from guatu.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("token/<slug:action>/", views.token_action, name="token"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
]
