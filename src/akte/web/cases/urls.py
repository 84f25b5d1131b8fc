from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.procedure_list, name="procedure_list"),
    path("procedures/<int:pk>/", views.procedure_detail, name="procedure_detail"),
    path("procedures/<int:pk>/status/", views.change_status, name="change_status"),
    path("procedures/<int:pk>/documents/", views.upload_document, name="upload_document"),
    path("procedures/<int:pk>/spellings/", views.add_spelling, name="add_spelling"),
    path("documents/<int:pk>/", views.download_document, name="download_document"),
    path("register/", views.register, name="register"),
]
