from django.urls import path

from guatu.briefings import views

app_name = "briefings"
urlpatterns = [
    path("briefing.docx", views.briefing_docx, name="briefing_docx"),
    path("briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
]
