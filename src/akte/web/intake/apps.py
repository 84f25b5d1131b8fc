from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "akte.web.intake"
    label = "intake"
