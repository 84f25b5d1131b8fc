from django.apps import AppConfig


class StatusLogConfig(AppConfig):
    name = "akte.web.statuslog"
    label = "statuslog"

    def ready(self) -> None:
        from akte.web.cases import sections
        from akte.web.cases.signals import status_changed

        from . import page

        status_changed.connect(page.append_after_commit, dispatch_uid="statuslog.append")
        sections.mark_events_with(page.event_marks)
        sections.add_section(page.STATUS_PAGE_SECTION)
        from akte.web.audit.report_words import provide_applicant_words

        from .report_language import report_words

        provide_applicant_words(report_words)
