from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:report>.csv", views.table_csv, name="csv"),
    path("<slug:report>.svg", views.chart, {"fmt": "svg"}, name="svg"),
    path("<slug:report>.png", views.chart, {"fmt": "png"}, name="png"),
]
