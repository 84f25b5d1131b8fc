from django.urls import path

from . import views

app_name = "worklists"
urlpatterns = [
    path("worklist/", views.start, name="start"),
    path("worklist/hearings/", views.hearings, name="hearings"),
    path("worklist/registrations/", views.registrations, name="registrations"),
    path("worklist/decisions/", views.decisions, name="decisions"),
    path("worklist/appeal-deadlines/", views.deadlines, name="deadlines"),
]
