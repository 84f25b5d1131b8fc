from django.apps import AppConfig


class DublinConfig(AppConfig):
    name = "akte.web.dublin"
    label = "dublin"

    def ready(self) -> None:
        from akte.web.cases import sections

        from .timeline import TIMELINE_SECTION

        sections.add_section(TIMELINE_SECTION)
