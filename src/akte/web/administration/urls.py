from django.urls import path

from . import teams, views

app_name = "administration"
urlpatterns = [
    path("", views.index, name="index"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/activate/", views.user_activate, name="user_activate"),
    path("offices/", views.offices, name="offices"),
    path("teams/", teams.team_list, name="teams"),
    path("teams/new/", teams.team_edit, name="team_create"),
    path("teams/<int:pk>/", teams.team_edit, name="team_edit"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/new/", views.token_issue, name="token_issue"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("rulebooks/", views.rulebook_list, name="rulebooks"),
]
