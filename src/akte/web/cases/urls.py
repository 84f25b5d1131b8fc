from django.urls import path

from . import assignment, break_glass_views, lifecycle_views, person_views, views

app_name = "cases"
urlpatterns = [
    path("", views.procedure_list, name="procedure_list"),
    path("procedures/<int:pk>/", views.procedure_detail, name="procedure_detail"),
    path(
        "procedures/<int:pk>/break-glass/", break_glass_views.break_glass_page, name="break_glass"
    ),
    path("procedures/<int:pk>/assign/", assignment.assign, name="assign"),
    path("procedures/<int:pk>/status/", views.change_status, name="change_status"),
    path("procedures/<int:pk>/documents/", views.upload_document, name="upload_document"),
    path("procedures/<int:pk>/spellings/", views.add_spelling, name="add_spelling"),
    path("documents/<int:pk>/", views.download_document, name="download_document"),
    path("register/", views.register, name="register"),
    path("procedures/<int:pk>/decisions/", lifecycle_views.record_decision, name="record_decision"),
    path("procedures/<int:pk>/appeals/", lifecycle_views.record_appeal, name="record_appeal"),
    path(
        "procedures/<int:pk>/appeals/<int:appeal_pk>/ruling/",
        lifecycle_views.record_court_outcome,
        name="record_court_outcome",
    ),
    path(
        "procedures/<int:pk>/requests/<int:request_pk>/",
        lifecycle_views.decide_request,
        name="decide_request",
    ),
]
urlpatterns += [
    path("persons/<int:pk>/", person_views.person_detail, name="person_detail"),
    path("persons/<int:pk>/correct/", person_views.correct_person, name="correct_person"),
    path(
        "persons/<int:pk>/spellings/correct/",
        person_views.correct_spelling,
        name="correct_spelling",
    ),
    path("persons/<int:pk>/merge/", person_views.merge, name="merge_person"),
    path("persons/<int:pk>/unmerge/", person_views.unmerge, name="unmerge_person"),
]
