from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "akte.web.analytics"
    label = "analytics"
