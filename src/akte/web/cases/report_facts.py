"""What the Art. 15 access report says of a person beyond the access log: which kinds of
data are stored about them, their languages, and the agencies in their status history.

The kinds come from the models that hang off the person and their procedures, found through
Django's relations (hearings, Dublin, intake and courses sit above `cases` and are not
imported): each related model's app names its category."""

from __future__ import annotations

from .models import Person, Procedure, StatusEvent

# a related model (app label, model name) -> the category it holds; an app alone: all of it
CATEGORY_OF = {
    ("cases", "document"): "documents",
    ("cases", "decision"): "decisions",
    ("cases", "appeal"): "decisions",
    ("hearings", "recording"): "recordings",
    ("hearings", None): "hearings",
    ("dublin", None): "dublin",
    ("intake", None): "mail",
    ("courses", None): "courses",
}
OFFICE_AGENCY = "BAMF"


def _category(model) -> str | None:
    meta = model._meta
    return CATEGORY_OF.get((meta.app_label, meta.model_name)) or CATEGORY_OF.get(
        (meta.app_label, None)
    )


def _related_categories(model, ids: list[int], found: set[str], depth: int = 0) -> None:
    """The categories of the rows related to `model`'s rows `ids`, and (once) of the rows
    related to those (a hearing's recording)."""
    for relation in model._meta.related_objects:
        category = _category(relation.related_model)
        if category is None or not relation.one_to_many:
            continue
        related = relation.related_model._default_manager
        if category not in found and related.filter(**{f"{relation.field.name}__in": ids}).exists():
            found.add(category)
        if depth == 0 and relation.related_model._meta.model_name == "hearing":
            _related_categories(relation.related_model, _ids(related, relation, ids), found, 1)


def _ids(manager, relation, ids) -> list[int]:
    return list(manager.filter(**{f"{relation.field.name}__in": ids}).values_list("pk", flat=True))


def facts(person_ids: list[int]) -> dict:
    persons = list(Person.objects.filter(pk__in=person_ids))
    procedures = list(
        Procedure.objects.filter(person_id__in=person_ids).values_list("pk", flat=True)
    )
    found: set[str] = {"access_log"}
    if persons:
        found |= {"identity", "origin"}
    if any(p.birth_date or p.birth_place for p in persons):
        found.add("birth")
    if procedures:
        found.add("procedure")
        _related_categories(Procedure, procedures, found)
    _related_categories(Person, person_ids, found)
    languages = [code for p in persons for code in p.language_list]
    agencies = (
        StatusEvent.objects.filter(procedure_id__in=procedures)
        .exclude(agency=OFFICE_AGENCY)
        .values_list("agency", flat=True)
        .distinct()
    )
    return {"languages": languages, "categories": sorted(found), "agencies": sorted(agencies)}
