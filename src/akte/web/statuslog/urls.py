from django.urls import path, re_path

from . import views

app_name = "statuslog"
urlpatterns = [
    path("procedures/<int:pk>/status-qr.svg", views.status_qr, name="status_qr"),
    path("status/<str:file_number>/", views.status_page, name="status"),
    re_path(r"^ledger/(?P<rest>[A-Za-z0-9/._-]*)$", views.ledger_api, name="api"),
]
