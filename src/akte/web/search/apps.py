from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "akte.web.search"
    label = "search"

    def ready(self) -> None:
        from akte.web.cases.duplicates import find_duplicates_with

        from .duplicates import find_duplicates

        find_duplicates_with(find_duplicates)
