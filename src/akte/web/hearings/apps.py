from django.apps import AppConfig


class HearingsConfig(AppConfig):
    name = "akte.web.hearings"
    label = "hearings"

    def ready(self) -> None:
        from akte.web.cases import sections

        from .planning import PLAN_SECTION

        sections.add_section(PLAN_SECTION)
