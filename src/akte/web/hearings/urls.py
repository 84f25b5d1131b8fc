from django.urls import path

from . import planning, views

app_name = "hearings"
urlpatterns = [
    path("procedures/<int:procedure_pk>/hearings/", views.start, name="start"),
    path("procedures/<int:procedure_pk>/hearings/plan/", planning.plan, name="plan"),
    path("hearings/quality/", views.quality, name="quality"),
    path("hearings/<int:pk>/", views.workspace, name="workspace"),
    path("hearings/<int:pk>/segments/", views.add_segment, name="add_segment"),
    path("hearings/<int:pk>/suggestions/<int:suggestion_pk>/", views.suggestion_fate, name="fate"),
    path("hearings/<int:pk>/notes/", views.add_note, name="add_note"),
    path("hearings/<int:pk>/answers/", views.record_answer, name="answer"),
    path("hearings/<int:pk>/read-back/", views.begin_read_back, name="read_back"),
    path("hearings/<int:pk>/segments/<int:number>/confirm/", views.confirm_segment, name="confirm"),
    path("hearings/<int:pk>/segments/<int:number>/correct/", views.correct_segment, name="correct"),
    path("hearings/<int:pk>/conclude/", views.conclude, name="conclude"),
    path("hearings/<int:pk>/niederschrift.<str:fmt>", views.export, name="export"),
]
