from django.apps import AppConfig


class DublinConfig(AppConfig):
    name = "akte.web.dublin"
    label = "dublin"
