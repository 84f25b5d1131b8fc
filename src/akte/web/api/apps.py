from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "akte.web.api"
    label = "api"
