"""Merging two records of the same person: a reason and a confirmation step; both
histories kept; the person search no longer shows the merged record; logged; and an un-merge
within the reversible period restores both persons exactly (a dump before and after)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from akte.web.accounts.roles import Capability, Role, capabilities
from akte.web.audit.models import AccessLogEntry, Action
from akte.web.cases import corrections, merging
from akte.web.cases.models import NameSpelling, PersonChange, PersonMerge, Procedure

MERGERS = {r for r in Role if Capability.MERGE_PERSONS in capabilities(r)}
# everything of a person; the audit trail and the merge records grow, by design
DUMPED = [
    "cases.Person",
    "cases.NameSpelling",
    "cases.Procedure",
    "cases.StatusEvent",
    "cases.Document",
    "hearings",
]


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", *DUMPED, format="json", indent=1, stdout=out)
    return out.getvalue()


@pytest.fixture
def pair(make_procedure, users):
    """The same man registered twice: once as Mohammed Haddad, once as Muhammad Hadad."""
    first = make_procedure(family="Haddad", given="Mohammed")
    second = make_procedure(family="Hadad", given="Muhammad")
    corrections.correct_person(
        users[Role.REGISTRY_CLERK],
        second.person,
        {"sex": "M", "birth_date": second.person.birth_date, "birth_place": "Halab",
         "nationality": "SYR"},
        "Schreibweise des Geburtsorts",
    )  # fmt: skip
    return first, second


def _merge(client, keep, drop, confirm=True, reason="Dieselbe Person laut Fingerabdruck"):
    data = {"other": str(drop.pk), "keep": "this", "reason": reason}
    if confirm:
        data["confirm"] = "yes"
    return client.post(f"/persons/{keep.pk}/merge/", data)


def test_merge_asks_for_confirmation_then_merges(pair, users, client_for):
    first, second = pair
    client = client_for(users[Role.REGISTRY_CLERK])
    form = client.get(f"/persons/{first.person_id}/merge/?other={second.person_id}")
    assert form.status_code == 200 and f'value="{second.person_id}"' in form.text
    step = _merge(client, first.person, second.person, confirm=False)
    assert step.status_code == 200
    assert "Please confirm" in step.text and "Hadad" in step.text and "Haddad" in step.text
    assert not PersonMerge.objects.exists()
    assert Procedure.objects.get(pk=second.pk).person_id == second.person_id
    done = _merge(client, first.person, second.person)
    assert done.status_code == 302 and done["Location"] == f"/persons/{first.person_id}/"
    record = PersonMerge.objects.get()
    assert (record.survivor_id, record.merged_id) == (first.person_id, second.person_id)
    assert record.reason == "Dieselbe Person laut Fingerabdruck"
    assert set(Procedure.objects.filter(person=first.person).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert not NameSpelling.objects.filter(person=second.person).exists()
    assert NameSpelling.objects.filter(person=first.person, is_primary=True).count() == 1
    # both histories on the kept record's page: spellings, procedures, corrections, the merge
    page = client.get(f"/persons/{first.person_id}/").text
    assert "Hadad" in page and second.file_number in page and first.file_number in page
    assert "Halab" in page and "Schreibweise des Geburtsorts" in page
    assert f"person {second.person_id} merged into person {first.person_id}" in page
    # the merged record says where it went, and cannot be corrected any more
    away = client.get(f"/persons/{second.person_id}/").text
    assert "Merged into another record" in away and "Correct the data" not in away
    refused = client.post(
        f"/persons/{second.person_id}/correct/",
        {"person-sex": "F", "person-nationality": "SYR", "person-reason": "x"},
    )
    assert refused.status_code == 400 and "merged into another" in refused.text
    with pytest.raises(corrections.CorrectionRefused):
        corrections.correct_person(users[Role.REGISTRY_CLERK], second.person, {"sex": "F"}, "no")


def test_merge_with_the_keep_choice_and_a_file_number(pair, users, client_for):
    first, second = pair
    client = client_for(users[Role.DECISION_MAKER])
    data = {"other": second.file_number, "keep": "other", "reason": "gleiche Person"}
    response = client.post(f"/persons/{first.person_id}/merge/", {**data, "confirm": "yes"})
    assert response.status_code == 302
    record = PersonMerge.objects.get()
    assert (record.survivor_id, record.merged_id) == (second.person_id, first.person_id)


def test_merge_needs_a_reason_and_a_known_other_record(pair, users, client_for):
    first, second = pair
    client = client_for(users[Role.REGISTRY_CLERK])
    assert _merge(client, first.person, second.person, reason="").status_code == 400
    response = client.post(
        f"/persons/{first.person_id}/merge/",
        {"other": "999999", "keep": "this", "reason": "x", "confirm": "yes"},
    )
    assert response.status_code == 400 and "No person with this number" in response.text
    assert not PersonMerge.objects.exists()


def test_merge_refusals(pair, make_procedure, users):
    first, second = pair
    third = make_procedure(family="Haddad", given="Mohamed")
    clerk = users[Role.REGISTRY_CLERK]
    with pytest.raises(merging.MergeRefused):
        merging.merge(clerk, first.person, first.person, "self")
    merging.merge(clerk, first.person, second.person, "same")
    with pytest.raises(merging.MergeRefused):  # merged away already
        merging.merge(clerk, third.person, second.person, "again")
    with pytest.raises(merging.MergeRefused):  # holds merged records: merge the other way
        merging.merge(clerk, third.person, first.person, "chain")
    merging.merge(clerk, first.person, third.person, "the other way")
    assert PersonMerge.objects.filter(survivor=first.person, undone_at__isnull=True).count() == 2


def test_unmerge_restores_both_persons_exactly(pair, users, client_for):
    first, second = pair
    before = dump()
    client = client_for(users[Role.REGISTRY_CLERK])
    assert _merge(client, first.person, second.person).status_code == 302
    assert dump() != before
    confirm = client.get(f"/persons/{second.person_id}/unmerge/")
    assert confirm.status_code == 200 and "Undo the merge" in confirm.text
    assert client.post(f"/persons/{second.person_id}/unmerge/", {"reason": ""}).status_code == 400
    assert PersonMerge.objects.get().active
    response = client.post(f"/persons/{second.person_id}/unmerge/", {"reason": "doch Brüder"})
    assert response.status_code == 302
    assert dump() == before
    record = PersonMerge.objects.get()
    assert not record.active and record.undo_reason == "doch Brüder"
    kinds = sorted(PersonChange.objects.values_list("person_id", "kind"))
    assert kinds.count((first.person_id, "merge")) == 1
    assert kinds.count((second.person_id, "unmerge")) == 1
    # undone once: not again
    assert client.get(f"/persons/{second.person_id}/unmerge/").status_code == 404
    with pytest.raises(merging.MergeRefused):
        merging.unmerge(users[Role.REGISTRY_CLERK], record, "twice")


def test_unmerge_of_several_merges_in_any_order_restores_all(pair, make_procedure, users):
    first, second = pair
    third = make_procedure(family="Haddad", given="Mohamed")
    before = dump()
    clerk = users[Role.REGISTRY_CLERK]
    one = merging.merge(clerk, first.person, second.person, "same")
    two = merging.merge(clerk, first.person, third.person, "same too")
    merging.unmerge(clerk, one, "no")
    merging.unmerge(clerk, two, "no")
    assert dump() == before


def test_unmerge_only_within_the_period(pair, users, client_for, settings):
    first, second = pair
    record = merging.merge(users[Role.REGISTRY_CLERK], first.person, second.person, "same")
    assert record.reversible_until - record.merged_at == dt.timedelta(
        days=settings.AKTE_MERGE_REVERSIBLE_DAYS
    )
    PersonMerge.objects.filter(pk=record.pk).update(
        reversible_until=timezone.now() - dt.timedelta(seconds=1)
    )
    client = client_for(users[Role.REGISTRY_CLERK])
    response = client.post(f"/persons/{second.person_id}/unmerge/", {"reason": "zu spät"})
    assert response.status_code == 400 and "is over" in response.text
    assert PersonMerge.objects.get().active


def test_the_period_is_a_setting(pair, users, settings):
    settings.AKTE_MERGE_REVERSIBLE_DAYS = 7
    first, second = pair
    record = merging.merge(users[Role.REGISTRY_CLERK], first.person, second.person, "same")
    assert record.reversible_until - record.merged_at == dt.timedelta(days=7)


def test_the_person_search_does_not_show_a_merged_record(pair, users, client_for):
    first, second = pair
    client = client_for(users[Role.REGISTRY_CLERK])

    def hits():
        page = client.post("/search/", {"name": "Mohammed Haddad"}).text
        return page.count('<li class="candidate')

    assert hits() == 2
    record = merging.merge(users[Role.REGISTRY_CLERK], first.person, second.person, "same")
    assert hits() == 1
    page = client.post("/search/", {"name": "Muhammad Hadad"}).text
    assert second.file_number in page and first.file_number in page  # one hit, both procedures
    merging.unmerge(users[Role.REGISTRY_CLERK], record, "not the same")
    assert hits() == 2


def test_the_duplicate_warning_offers_a_merge(pair, users, client_for):
    first, second = pair
    client = client_for(users[Role.REGISTRY_CLERK])
    page = client.get(f"/persons/{first.person_id}/").text
    assert "?duplicates=1" in page and "Hadad" not in page  # asked for, not on every view
    before = AccessLogEntry.objects.filter(person_id=second.person_id).count()
    page = client.get(f"/persons/{first.person_id}/?duplicates=1").text
    assert f"/persons/{first.person_id}/merge/?other={second.person_id}" in page
    assert AccessLogEntry.objects.filter(person_id=second.person_id).count() == before + 1


def test_merge_and_unmerge_are_in_the_access_log(pair, users, client_for):
    first, second = pair
    client = client_for(users[Role.REGISTRY_CLERK])
    _merge(client, first.person, second.person)
    for person in (first.person, second.person):
        assert AccessLogEntry.objects.filter(
            person_id=person.pk, action=Action.UPDATE, path__endswith="/merge/"
        ).exists()
    client.post(f"/persons/{second.person_id}/unmerge/", {"reason": "nein"})
    for person in (first.person, second.person):
        assert AccessLogEntry.objects.filter(
            person_id=person.pk, action=Action.UPDATE, path__endswith="/unmerge/"
        ).exists()


def test_the_access_log_of_the_kept_record_shows_both(pair, users, client_for):
    first, second = pair
    clerk = client_for(users[Role.REGISTRY_CLERK])
    clerk.get(f"/procedures/{second.pk}/")  # a read of the second record before the merge
    _merge(clerk, first.person, second.person)
    dpo = client_for(users[Role.DATA_PROTECTION_OFFICER])
    report = dpo.get(f"/audit/persons/{first.person_id}/report.json").json()
    records = {e["codes"]["record"] for e in report["entries"]}
    assert f"procedure:{second.pk}" in records


@pytest.mark.parametrize("role", list(Role))
def test_who_may_merge_and_unmerge(role, pair, users, client_for):
    first, second = pair
    first.counsel.add(users[Role.COUNSEL])
    second.counsel.add(users[Role.COUNSEL])
    client = client_for(users[role])
    assert client.get(f"/persons/{first.person_id}/merge/").status_code == (
        200 if role in MERGERS else 404
    )
    response = _merge(client, first.person, second.person)
    assert PersonMerge.objects.exists() == (role in MERGERS)
    if role not in MERGERS:
        assert response.status_code == 404 and "Haddad" not in response.text
        merging.merge(users[Role.REGISTRY_CLERK], first.person, second.person, "same")
    response = client.post(f"/persons/{second.person_id}/unmerge/", {"reason": "no"})
    assert PersonMerge.objects.get().active == (role not in MERGERS)


def test_the_dedupe_clusters_leave_out_merged_records_and_name_the_merge_page(
    pair, users, monkeypatch
):
    import json

    from typer.testing import CliRunner

    import akte.matching.linkage as linkage
    from akte.cli import app
    from akte.matching.linkage import Cluster
    from akte.web.search.clusters import registry_records

    first, second = pair
    seen = []

    def fake_dedupe(records, **options):
        seen.append(sorted(r.id for r in records))
        ids = tuple(sorted(r.id for r in records))
        return [Cluster("c1", ids, 20.0, 25.0)] if len(ids) > 1 else []

    monkeypatch.setattr(linkage, "dedupe", fake_dedupe)
    result = CliRunner().invoke(app, ["persons", "dedupe", "--json"])
    assert result.exit_code == 0, result.output
    (cluster,) = json.loads(result.output)
    a, b = sorted([str(first.person_id), str(second.person_id)])
    assert cluster["merge"] == [f"/persons/{a}/merge/?other={b}"]
    assert "Haddad" not in result.output  # person numbers only
    merging.merge(users[Role.REGISTRY_CLERK], first.person, second.person, "same")
    assert [r.id for r in registry_records()] == [str(first.person_id)]
    result = CliRunner().invoke(app, ["persons", "dedupe"])
    assert result.exit_code == 0 and "0 clusters" in result.output
