from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.index, name="index"),
    path("break-glass/", views.break_glass_queue, name="break_glass"),
    path("break-glass/<int:pk>/decide/", views.break_glass_decide, name="break_glass_decide"),
    path("persons/<int:person_id>/", views.person_log, name="person"),
    path("persons/<int:person_id>/report.<str:fmt>", views.person_report, name="report"),
]
