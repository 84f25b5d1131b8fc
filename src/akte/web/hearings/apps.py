from django.apps import AppConfig


class HearingsConfig(AppConfig):
    name = "akte.web.hearings"
    label = "hearings"
