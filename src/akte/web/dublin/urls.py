from django.urls import path

from . import views

app_name = "dublin"
urlpatterns = [
    path("", views.worklist_page, name="worklist"),
    path("deadlines.csv", views.worklist_csv, name="worklist_csv"),
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("calendar/", views.calendar_token, name="calendar_token"),
    path("procedures/<int:pk>/events/new/", views.event_form, name="event_form"),
    path("procedures/<int:pk>/events/remove/", views.remove_event, name="remove_event"),
    path("procedures/<int:pk>/what-if/", views.what_if, name="what_if"),
]
