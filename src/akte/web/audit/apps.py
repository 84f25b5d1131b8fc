from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "akte.web.audit"
    label = "audit"
