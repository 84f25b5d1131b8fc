from django.apps import AppConfig


class CaseFiles:
    """Persons as the access log's directory (`akte.web.audit.directory`) sees them."""

    def exists(self, person_id: int) -> bool:
        from .models import Person

        return Person.objects.filter(pk=person_id).exists()

    def person_of(self, file_number: str) -> int | None:
        from .models import Procedure

        return (
            Procedure.objects.filter(file_number=file_number)
            .values_list("person_id", flat=True)
            .first()
        )

    def same_person(self, person_id: int) -> list[int]:
        from .trail import PersonMerge

        merges = PersonMerge.objects.filter(undone_at__isnull=True)
        survivor = merges.filter(merged_id=person_id).values_list("survivor_id", flat=True)
        root = next(iter(survivor), person_id)  # merges do not chain (cases.merging)
        merged = merges.filter(survivor_id=root).values_list("merged_id", flat=True)
        return sorted({root, person_id, *merged})

    def facts(self, person_ids: list[int]) -> dict:
        from .report_facts import facts

        return facts(person_ids)


class CasesConfig(AppConfig):
    name = "akte.web.cases"
    label = "cases"

    def ready(self) -> None:
        from akte.web.audit import directory

        directory.provide(CaseFiles())
        from . import transitions

        transitions.validate()  # the lifecycle's data files, once at start
        from . import sections
        from .lifecycle_views import lifecycle_section

        sections.add_section(sections.ProcedureSection("cases/_lifecycle.html", lifecycle_section))
        from .assignment import assignment_section

        sections.add_section(
            sections.ProcedureSection("cases/_assignment.html", assignment_section)
        )
