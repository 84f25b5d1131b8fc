from django.urls import path

from . import planning, recording_views, views

app_name = "hearings"
urlpatterns = [
    path("procedures/<int:procedure_pk>/hearings/", views.start, name="start"),
    path("procedures/<int:procedure_pk>/hearings/plan/", planning.plan, name="plan"),
    path("hearings/quality/", views.quality, name="quality"),
    path("hearings/<int:pk>/", views.workspace, name="workspace"),
    path("hearings/<int:pk>/segments/", views.add_segment, name="add_segment"),
    path("hearings/<int:pk>/suggestions/<int:suggestion_pk>/", views.suggestion_fate, name="fate"),
    path("hearings/<int:pk>/notes/", views.add_note, name="add_note"),
    path("hearings/<int:pk>/notes/<int:note_pk>/correct/", views.correct_note, name="correct_note"),
    path("hearings/<int:pk>/answers/", views.record_answer, name="answer"),
    path("hearings/<int:pk>/read-back/", views.begin_read_back, name="read_back"),
    path("hearings/<int:pk>/segments/<int:number>/confirm/", views.confirm_segment, name="confirm"),
    path("hearings/<int:pk>/segments/<int:number>/correct/", views.correct_segment, name="correct"),
    path("hearings/<int:pk>/confirm-all/", views.confirm_all, name="confirm_all"),
    path("hearings/<int:pk>/conclude/", views.conclude, name="conclude"),
    path("hearings/<int:pk>/niederschrift.<str:fmt>", views.export, name="export"),
    path("hearings/<int:pk>/recording/start/", recording_views.start, name="recording_start"),
    path("hearings/<int:pk>/recording/chunks/", recording_views.chunk, name="recording_chunk"),
    path("hearings/<int:pk>/recording/break/", recording_views.pause, name="recording_break"),
    path("hearings/<int:pk>/recording/audio", recording_views.play, name="recording_play"),
    path(
        "hearings/<int:pk>/recording/download", recording_views.download, name="recording_download"
    ),
    path("hearings/<int:pk>/comments/", recording_views.comment, name="comment"),
]
