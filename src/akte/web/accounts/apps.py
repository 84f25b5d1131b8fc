from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "akte.web.accounts"
    label = "accounts"
