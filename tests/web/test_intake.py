"""Web intake: idempotent receipt, matching (office number, court number on record, person
search), routing as data, filing into the procedure with its status event, one-action review."""

from __future__ import annotations

import pytest

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Status
from akte.web.intake import routing
from akte.web.intake.models import Correction, IntakeDocument, IntakeItem, State
from akte.web.intake.services import correct, corrections_for_training, receive


def pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def decision(office_number: str, court_number: str = "VG 6 K 1234/23.A") -> bytes:
    return pdf(
        f"<p>Verwaltungsgericht Potsdam</p><h1>BESCHLUSS</h1><p>{court_number}</p>"
        f"<p>Ihr Zeichen: {office_number}</p><p>In der Verwaltungsrechtssache</p>"
        "<p>hat die 6. Kammer am 12. März 2024 beschlossen:</p><p>Der Antrag wird abgelehnt.</p>"
    )


@pytest.fixture
def clerk(make_user):
    return make_user(Role.REGISTRY_CLERK, "clerk")


def test_same_message_twice_is_recognised_by_its_hash(db, make_procedure, clerk):
    procedure = make_procedure()
    data = decision(procedure.file_number)
    first, new = receive(data, "b.pdf", "upload", clerk)
    again, new_again = receive(data, "other-name.pdf", "api", None)
    assert new and not new_again and first.pk == again.pk
    assert IntakeItem.objects.count() == 1 and IntakeDocument.objects.count() == 1


def test_office_number_matches_files_and_adds_the_decision_event(db, make_procedure, clerk):
    procedure = make_procedure()
    item, _ = receive(decision(procedure.file_number), "b.pdf", "upload", clerk)
    (doc,) = item.documents.all()
    assert (doc.kind, doc.document_class, doc.procedure) == ("Beschluss", "007", procedure)
    assert doc.match_reasons == [
        {"code": "match.office_file_number", "number": procedure.file_number}
    ]
    assert doc.queue == "litigation" and doc.route_reasons[0]["rule"] == "court-decisions"
    assert doc.state == State.FILED and doc.filed.procedure == procedure
    assert procedure.documents.filter(pk=doc.filed_id).exists()
    event = procedure.events.order_by("-pk").first()
    assert event.status == Status.DECIDED and "VG 6 K 1234/23.A" in event.note


def test_court_number_on_record_matches_the_next_letter(db, make_procedure, clerk):
    procedure = make_procedure()
    receive(decision(procedure.file_number), "b.pdf", "upload", clerk)
    summons = pdf(
        "<p>Verwaltungsgericht Potsdam</p><p>Az.: VG 6 K 1234/23.A</p><h1>Ladung</h1>"
        "<p>werden Sie zur mündlichen Verhandlung am 14.05.2024, 10:30 Uhr geladen.</p>"
    )
    item, _ = receive(summons, "ladung.pdf", "folder", None)
    (doc,) = item.documents.all()
    assert doc.procedure == procedure
    assert doc.match_reasons[0]["code"] == "match.court_file_number"
    event = procedure.events.order_by("-pk").first()
    assert event.status == Status.HEARING_SCHEDULED and "2024-05-14 10:30" in event.note


def test_person_search_on_the_parties_names(db, make_procedure):
    procedure = make_procedure(family="Haddad", given="Mohammed")
    letter = pdf(
        "<p>Rechtsanwältin Weber</p><h1>Klage</h1><p>des Herrn</p><p>Mohammed Haddad, wohnhaft in Berlin,</p>"
        "<p>- Kläger -</p><p>gegen</p><p>die Bundesrepublik Deutschland</p><p>- Beklagte -</p>"
    )
    item, _ = receive(letter, "klage.pdf", "upload", None)
    (doc,) = item.documents.all()
    assert doc.procedure == procedure
    assert doc.match_reasons[0]["code"] == "match.person"


def test_unmatched_and_unreadable_go_to_review(db):
    item, _ = receive(decision("9999999-999"), "b.pdf", "upload", None)
    (doc,) = item.documents.all()
    assert doc.state == State.REVIEW and doc.procedure is None and doc.filed is None
    broken, _ = receive(b"%PDF-1.7 broken", "x.pdf", "upload", None)
    (bad,) = broken.documents.all()
    assert bad.state == State.REVIEW and bad.error == "intake.read.broken_pdf"


def test_routing_rules_are_data_and_name_known_queues():
    assert routing.route("Ärztliches Attest", "001", "", None)[0] == "case_owner"
    assert (
        routing.route("Schreiben", "015", "Wiederaufnahmegesuch nach Dublin", None)[0] == "dublin"
    )
    assert routing.route("Schreiben", "015", "", "dublin")[0] == "dublin"
    assert routing.route("Schreiben", "015", "", None) == (
        "registry",
        [{"code": "route.rule", "rule": "everything-else"}],
    )


def test_one_review_action_corrects_class_match_route_and_keeps_it(db, make_procedure, clerk):
    procedure = make_procedure()
    item, _ = receive(decision("9999999-999"), "b.pdf", "upload", None)
    (doc,) = item.documents.all()
    correct(doc, clerk, kind="Urteil", procedure=procedure, queue="registry")
    doc.refresh_from_db()
    assert (doc.kind, doc.document_class, doc.procedure, doc.queue) == (
        "Urteil",
        "006",
        procedure,
        "registry",
    )
    assert doc.state == State.FILED and doc.filed is not None
    assert sorted(Correction.objects.values_list("field", flat=True)) == [
        "kind",
        "procedure",
        "queue",
    ]
    assert corrections_for_training() == [{"text": doc.text, "kind": "Urteil"}]
    assert not AccessLogEntry.objects.exists()  # services log nothing; the views declare it


def test_demo_mail_is_filed_or_waits_for_review(db, make_procedure, clerk, settings, tmp_path):
    from akte.web.demo.intake import create_demo_intake

    settings.MEDIA_ROOT = str(tmp_path / "media")
    first, second = make_procedure(), make_procedure(family="Yousef", given="Lina")
    create_demo_intake(clerk)
    docs = {d.item.filename: d for d in IntakeDocument.objects.select_related("item")}
    assert (docs["beschluss-vg-potsdam.pdf"].procedure, docs["beschluss-vg-potsdam.pdf"].state) == (
        first,
        State.FILED,
    )
    assert docs["ladung-vg-potsdam.pdf"].match_reasons[0]["code"] == "match.court_file_number"
    assert (docs["attest.pdf"].procedure, docs["attest.pdf"].queue) == (second, "case_owner")
    assert docs["schreiben.pdf"].state == State.REVIEW
    xml = docs["nachricht.xml"]
    assert xml.state == State.REVIEW
    assert any(p["code"] == "intake.xjustiz.schema_error" for p in xml.result["problems"])
    assert first.events.filter(status=Status.HEARING_SCHEDULED).exists()


def test_decompression_bomb_reaches_the_review_queue_and_the_next_is_filed(
    db, make_procedure, monkeypatch
):
    import zlib

    from akte.intake import config

    monkeypatch.setenv("AKTE_INTAKE_MEMORY_MB", "512")
    config.limits.cache_clear()
    try:
        packer = zlib.compressobj(6)
        body = b"".join(packer.compress(b" " * (1024 * 1024)) for _ in range(768)) + packer.flush()
        head = (
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
        )
        stream = b"4 0 obj << /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
        bomb = head + stream + body + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        item, _ = receive(bomb, "bomb.pdf", "api", None)
        (doc,) = item.documents.all()
        assert doc.state == State.REVIEW and doc.error == "intake.read.memory_limit"
        procedure = make_procedure()
        after, _ = receive(decision(procedure.file_number), "next.pdf", "api", None)
        assert after.documents.get().state == State.FILED
    finally:
        config.limits.cache_clear()
