from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "akte.web.administration"
    label = "administration"
