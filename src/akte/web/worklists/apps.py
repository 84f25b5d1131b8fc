from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "akte.web.worklists"
    label = "worklists"
