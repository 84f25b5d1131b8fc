from django.apps import AppConfig


class StatusLogConfig(AppConfig):
    name = "akte.web.statuslog"
    label = "statuslog"
