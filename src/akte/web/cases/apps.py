from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "akte.web.cases"
    label = "cases"
