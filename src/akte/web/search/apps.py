from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "akte.web.search"
    label = "search"
