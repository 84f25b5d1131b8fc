"""Conducting a hearing through the web: segments, read-back, corrections, sealing, export."""

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from akte.web.accounts.roles import Role
from akte.web.hearings.models import Correction, Hearing, Segment


@pytest.fixture
def hearing_client(users, make_procedure, client_for):
    procedure = make_procedure(family="Barzani", given="Rebin", country="IRQ", key="438")
    client = client_for(users[Role.INTERVIEWER])
    response = client.post(
        f"/procedures/{procedure.pk}/hearings/",
        {"skeleton": "short", "interpreter": "Dolmetscher (demo)", "language": "ku"},
    )
    assert response.status_code == 302
    hearing = Hearing.objects.get()
    return client, hearing


def say(client, hearing, speaker, text, htmx=True, **extra):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        f"/hearings/{hearing.pk}/segments/",
        {"speaker": speaker, "text": text, **extra},
        headers=headers,
    )


def test_segments_are_numbered_and_panels_return_without_reload(hearing_client):
    client, hearing = hearing_client
    response = say(client, hearing, "interviewer", "Woher kommen Sie?")
    assert response.status_code == 200
    # a fragment: the new segment to append, and the panels and a fresh form out of band
    assert "<html" not in response.text and 'id="workspace"' not in response.text
    assert response.text.lstrip().startswith('<li id="seg-1"')
    for panel in (
        'id="assistant-panel" hx-swap-oob="true"',
        'id="checklist-panel" hx-swap-oob="true"',
        'id="segment-form" hx-swap-oob="true"',
    ):
        assert panel in response.text
    say(client, hearing, "applicant", "Aus Erbil.")
    assert list(Segment.objects.values_list("number", "speaker")) == [
        (1, "interviewer"),
        (2, "applicant"),
    ]


def test_empty_segment_is_refused_and_draft_kept(hearing_client):
    client, hearing = hearing_client
    response = say(client, hearing, "applicant", "   ")
    assert response.status_code == 400
    assert not Segment.objects.exists()
    response = say(client, hearing, "nobody", "Text bleibt erhalten")
    assert response.status_code == 400
    assert (
        "Text bleibt erhalten" in response.text and 'id="segment-form" hx-swap-oob' in response.text
    )
    assert "<li" not in response.text.split("<form")[0]  # nothing is appended to the transcript


def test_read_back_correction_confirmation_seal_and_export(hearing_client):
    client, hearing = hearing_client
    say(client, hearing, "interviewer", "Woher kommen Sie?")
    say(client, hearing, "applicant", "Aus Erbil, Stadtteil Ankawa.")
    client.post(f"/hearings/{hearing.pk}/notes/", {"kind": "comprehension_ok", "note": ""})
    client.post(f"/hearings/{hearing.pk}/read-back/")
    # no more segments during the read-back
    assert say(client, hearing, "applicant", "Nachtrag").status_code == 409
    client.post(
        f"/hearings/{hearing.pk}/segments/2/correct/",
        {"text": "Aus Erbil, Stadtteil Ainkawa.", "reason": "Schreibweise"},
    )
    # confirming with an unconfirmed segment is refused
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    hearing.refresh_from_db()
    assert not hearing.is_sealed
    for number in (1, 2):
        client.post(f"/hearings/{hearing.pk}/segments/{number}/confirm/")
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    hearing.refresh_from_db()
    assert hearing.is_sealed and hearing.seal.startswith("sha256:")
    assert Segment.objects.get(number=2).text == "Aus Erbil, Stadtteil Ankawa."  # original kept
    assert Correction.objects.get().text == "Aus Erbil, Stadtteil Ainkawa."
    page = client.get(f"/hearings/{hearing.pk}/").text
    assert "Sealed and intact" in page
    # read-only after sealing
    assert say(client, hearing, "applicant", "noch etwas").status_code == 409

    pdf = client.get(f"/hearings/{hearing.pk}/niederschrift.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    assert "Aus Erbil, Stadtteil Ankawa." in text and "Aus Erbil, Stadtteil Ainkawa." in text
    assert (
        "comprehension with the interpreter checked" in text
        or "Verständigung" in text
        or "comprehension" in text
    )
    docx = client.get(f"/hearings/{hearing.pk}/niederschrift.docx")
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Aus Erbil, Stadtteil Ainkawa." in paragraphs


def test_altered_sealed_transcript_is_shown_as_broken(hearing_client):
    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil.")
    client.post(f"/hearings/{hearing.pk}/read-back/")
    client.post(
        f"/hearings/{hearing.pk}/conclude/",
        {"confirmed": "no", "refusal_reasons": "Die Übersetzung war ungenau."},
    )
    hearing.refresh_from_db()
    assert hearing.is_sealed and hearing.confirmed is False
    Segment.objects.filter(number=1).update(text="Aus Mossul.")  # tampering in the database
    page = client.get(f"/hearings/{hearing.pk}/").text
    assert "the seal is broken" in page


def test_refusal_needs_reasons(hearing_client):
    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil.")
    client.post(f"/hearings/{hearing.pk}/read-back/")
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "no", "refusal_reasons": ""})
    hearing.refresh_from_db()
    assert not hearing.is_sealed


@pytest.mark.parametrize("role", [Role.PARTNER_AGENCY, Role.COUNSEL, Role.DATA_PROTECTION_OFFICER])
def test_hearing_hidden_from_roles(role, hearing_client, users, client):
    _, hearing = hearing_client
    client.force_login(users[role])
    assert client.get(f"/hearings/{hearing.pk}/").status_code == 404
    assert client.get(f"/hearings/{hearing.pk}/niederschrift.pdf").status_code == 404


def test_quality_assurance_reads_but_cannot_write(hearing_client, users, client):
    _, hearing = hearing_client
    client.force_login(users[Role.QUALITY_ASSURANCE])
    assert client.get(f"/hearings/{hearing.pk}/").status_code == 200
    assert say(client, hearing, "applicant", "x").status_code == 404


def test_quality_view(hearing_client, users, client):
    interviewer_client, hearing = hearing_client
    say(interviewer_client, hearing, "applicant", "Aus Erbil.")
    client.force_login(users[Role.QUALITY_ASSURANCE])
    page = client.get("/hearings/quality/")
    assert page.status_code == 200
    assert hearing.procedure.file_number in page.text
    client.force_login(users[Role.INTERVIEWER])
    assert client.get("/hearings/quality/").status_code == 404


def test_cli_export(hearing_client, tmp_path):
    from typer.testing import CliRunner

    from akte.cli import app
    from akte.web.audit.models import AccessLogEntry

    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil.")
    out = tmp_path / "n.docx"
    result = CliRunner().invoke(
        app, ["hearing", "export", str(hearing.pk), "--format", "docx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Aus Erbil." in "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert AccessLogEntry.objects.filter(via="cli", action="export").exists()
    missing = CliRunner().invoke(app, ["hearing", "export", "999", "--out", str(out)])
    assert missing.exit_code == 1 and "no hearing 999" in missing.output
    bad = CliRunner().invoke(app, ["hearing", "export", "1", "--format", "exe", "--out", str(out)])
    assert bad.exit_code == 2


def test_replaying_a_sealed_2019_hearing_uses_the_2019_guideline(users, make_procedure, client_for):
    """A hearing held on 2019-05-02 shows the guideline version then in force; the same
    transcript in a hearing of 2019-07-02 shows the later version: replay by hearing date."""
    import datetime as dt

    from akte.web.hearings import services

    interviewer = users[Role.INTERVIEWER]

    def hearing_on(day):
        procedure = make_procedure(family="Khalil", given="Omar")
        hearing = services.start(
            procedure, interviewer, skeleton="short", interpreter="", language="ar"
        )
        Hearing.objects.filter(pk=hearing.pk).update(date=day)
        hearing.refresh_from_db()
        services.add_segment(hearing, "applicant", "Ich habe in Damaskus gelebt.", [])
        return hearing

    old, new = hearing_on(dt.date(2019, 5, 2)), hearing_on(dt.date(2019, 7, 2))
    old_panels = services.refresh_panels(old, conducting=True)
    new_panels = services.refresh_panels(new, conducting=True)
    old_guidelines = {s.source for s in old_panels.information if s.kind == "guideline"}
    new_guidelines = {s.source for s in new_panels.information if s.kind == "guideline"}
    assert any("v2016" in source for source in old_guidelines)
    assert not any("v2016" in source for source in new_guidelines)

    # sealed, the 2019 record keeps the suggestions of its own version
    services.begin_read_back(old)
    services.confirm_segment(old, 1)
    services.conclude(old, confirmed=True)
    old.refresh_from_db()
    assert services.seal_intact(old)
    recorded = set(old.suggestions.values_list("source", flat=True))
    assert any("v2016" in source for source in recorded)
    page = client_for(interviewer).get(f"/hearings/{old.pk}/")
    assert "v2016" in page.text


def test_opportunity_to_explain_put_and_answered_is_recorded(hearing_client):
    client, hearing = hearing_client
    Procedure = hearing.procedure.__class__
    Procedure.objects.filter(pk=hearing.procedure_id).update(country="IRQ")
    hearing.procedure.refresh_from_db()
    say(client, hearing, "applicant", "Ich komme aus Erbil.")
    client.post(
        f"/hearings/{hearing.pk}/answers/", {"fact": "hearing_answers_actor", "value": "isis"}
    )
    client.post(
        f"/hearings/{hearing.pk}/answers/", {"fact": "hearing_answers_attack_year", "value": "2014"}
    )
    page = client.get(f"/hearings/{hearing.pk}/").text
    assert "kind-opportunity_to_explain" in page
    shown = hearing.suggestions.get(kind="opportunity_to_explain")
    client.post(f"/hearings/{hearing.pk}/suggestions/{shown.pk}/", {"fate": "used"})
    say(client, hearing, "interviewer", shown.text)
    say(client, hearing, "applicant", "Die Angriffe waren am Stadtrand, nicht in der Stadt.")
    shown.refresh_from_db()
    assert shown.fate == "used" and shown.answer_segment == 3
    assert "answered in segment 3" in client.get(f"/hearings/{hearing.pk}/").text
    bad = client.post(
        f"/hearings/{hearing.pk}/answers/",
        {"fact": "hearing_answers_attack_year", "value": "vor langer Zeit"},
        follow=True,
    )
    assert "The answer was not recorded" in bad.text
    assert (
        client.post(
            f"/hearings/{hearing.pk}/answers/",
            {"fact": "guideline_region_armed_conflict", "value": "yes"},
            follow=True,
        ).status_code
        == 200
    )
    assert not hearing.answers.filter(fact="guideline_region_armed_conflict").exists()


def _sealed(client, hearing, text="Aus Erbil."):
    say(client, hearing, "applicant", text)
    client.post(f"/hearings/{hearing.pk}/read-back/")
    for number in hearing.segments.values_list("number", flat=True):
        client.post(f"/hearings/{hearing.pk}/segments/{number}/confirm/")
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    hearing.refresh_from_db()
    assert hearing.is_sealed
    return hearing


def test_the_seal_does_not_depend_on_the_readers_language(users, make_procedure, client_for):
    from django.test import Client

    procedure = make_procedure(family="Barzani", given="Rebin", office="MUC")  # München / Munich
    from akte.web.accounts.models import Team

    team = Team.objects.create(name="Anhörungen München")  # the Berlin users work it
    team.members.add(users[Role.INTERVIEWER], users[Role.DECISION_MAKER])
    procedure.team = team
    procedure.save()
    german = Client()  # office language, no cookie
    german.force_login(users[Role.INTERVIEWER])
    german.post(f"/procedures/{procedure.pk}/hearings/", {"skeleton": "short", "language": "ku"})
    hearing = _sealed(german, Hearing.objects.get())
    english = client_for(users[Role.DECISION_MAKER])  # the English UI
    page = english.get(f"/hearings/{hearing.pk}/").text
    assert "Sealed and intact" in page and "the seal is broken" not in page


def test_a_blanked_seal_shows_as_broken_not_as_open(hearing_client):
    client, hearing = hearing_client
    hearing = _sealed(client, hearing)
    Hearing.objects.filter(pk=hearing.pk).update(seal="")
    page = client.get(f"/hearings/{hearing.pk}/").text
    assert "the seal is broken" in page
    assert say(client, hearing, "applicant", "noch etwas").status_code == 409


def test_readers_do_not_change_the_record(hearing_client, users, client):
    _, hearing = hearing_client
    client.force_login(users[Role.QUALITY_ASSURANCE])
    say_before = hearing.suggestions.count()
    assert client.get(f"/hearings/{hearing.pk}/").status_code == 200
    assert hearing.suggestions.count() == say_before


def test_actions_out_of_turn_get_a_message_not_an_error(hearing_client):
    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil.")
    headers = {"HX-Request": "true"}
    confirm = client.post(f"/hearings/{hearing.pk}/segments/1/confirm/", headers=headers)
    correct = client.post(
        f"/hearings/{hearing.pk}/segments/1/correct/", {"text": "x", "reason": "y"}, headers=headers
    )
    for response in (confirm, correct):  # not at the read-back yet
        assert response.status_code == 200 and "Not possible now" in response.text
    _sealed(client, hearing)
    note = client.post(
        f"/hearings/{hearing.pk}/notes/", {"kind": "comprehension_ok", "note": ""}, headers=headers
    )
    assert note.status_code == 200 and "Not possible now" in note.text


def test_every_change_and_every_shown_workspace_is_in_the_access_log(hearing_client):
    from akte.web.audit.models import AccessLogEntry

    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil, Stadtteil Ankawa.")
    shown = hearing.suggestions.first()
    before = AccessLogEntry.objects.filter(record=f"hearing:{hearing.pk}").count()
    client.post(
        f"/hearings/{hearing.pk}/suggestions/{shown.pk}/",
        {"fate": "used"},
        headers={"HX-Request": "true"},
    )
    actions = list(
        AccessLogEntry.objects.filter(record=f"hearing:{hearing.pk}")
        .order_by("pk")
        .values_list("action", flat=True)[before:]
    )
    assert actions == ["update", "read"]


def test_docx_export_survives_control_characters(hearing_client):
    client, hearing = hearing_client
    hearing = _sealed(client, hearing, text="Aus\x0bErbil\x01.")
    docx = client.get(f"/hearings/{hearing.pk}/niederschrift.docx")
    assert docx.status_code == 200
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "AusErbil." in paragraphs


def test_an_altered_transcript_is_exported_marked_as_broken(hearing_client):
    client, hearing = hearing_client
    hearing = _sealed(client, hearing)
    Segment.objects.filter(number=1).update(text="Aus Mossul.")  # tampering in the database
    pdf = client.get(f"/hearings/{hearing.pk}/niederschrift.pdf")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    assert "BROKEN: the transcript was altered after sealing" in text


def test_a_change_from_a_stale_view_of_the_hearing_cannot_land_after_sealing(hearing_client):
    from akte.web.hearings import services

    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil.")
    client.post(f"/hearings/{hearing.pk}/read-back/")
    stale = Hearing.objects.get(pk=hearing.pk)  # loaded while at the read-back
    sealed = _sealed(client, Hearing.objects.get(pk=hearing.pk))
    with pytest.raises(services.HearingClosed):
        services.correct_segment(stale, 1, "Aus Mossul.", "late")
    with pytest.raises(services.HearingClosed):
        services.confirm_segment(stale, 1)
    assert services.seal_intact(Hearing.objects.get(pk=sealed.pk))


def test_only_the_applicants_account_covers_a_legal_element(hearing_client):
    client, hearing = hearing_client
    element = services_checklist_choice(hearing)
    asked = say(client, hearing, "interviewer", "Wurden Sie verfolgt?", tags=[element])
    assert asked.status_code == 400 and "Only the applicant" in asked.text
    assert not hearing.segments.exists()
    told = say(client, hearing, "applicant", "Man hat mich festgenommen.", tags=[element])
    assert told.status_code == 200
    assert hearing.segments.get().checklist_items == element


def services_checklist_choice(hearing):
    from akte.web.hearings import services

    return services.checklist_choices(hearing)[0][0]


def test_quality_view_lists_the_newest_hearing_first(users, make_procedure, client):
    import datetime as dt

    from akte.web.hearings import services

    numbers = []
    for day in (dt.date(2024, 1, 5), dt.date(2024, 3, 9), dt.date(2023, 12, 1)):
        procedure = make_procedure(family="Khalil", given="Omar")
        hearing = services.start(
            procedure, users[Role.INTERVIEWER], skeleton="short", interpreter="", language="ar"
        )
        Hearing.objects.filter(pk=hearing.pk).update(date=day)
        numbers.append(procedure.file_number)
    client.force_login(users[Role.QUALITY_ASSURANCE])
    page = client.get("/hearings/quality/").text
    positions = [page.index(number) for number in numbers]
    assert positions[1] < positions[0] < positions[2]  # 9 March, 5 January, 1 December


def _english_phrases() -> set[str]:
    """The literal parts of every English catalogue text of a rules or hearing code (the
    words between the fields), where German says something else."""
    import string

    from akte import words
    from akte.hearing.codes import CODES as HEARING_CODES
    from akte.rules.codes import CODES as RULES_CODES

    english, german = words.catalogue("en"), words.catalogue("de")
    phrases = set()
    for code in {**RULES_CODES, **HEARING_CODES}:
        for literal, *_ in string.Formatter().parse(english[code]):
            literal = literal.strip(" :,()'")
            if len(literal) >= 6 and literal not in german[code]:
                phrases.add(literal)
    return phrases


def test_the_german_hearing_panels_show_no_english(hearing_client):
    """Suggestions, guideline notes, open checklist items with their questions and a refused
    answer, in German: no English catalogue text of an engine code may appear."""
    client, hearing = hearing_client
    client.cookies["django_language"] = "de"
    say(client, hearing, "interviewer", "Woher kommen Sie?")
    say(client, hearing, "applicant", "Ich komme aus Erbil, Stadtteil Ankawa.")
    client.post(
        f"/hearings/{hearing.pk}/answers/", {"fact": "hearing_answers_actor", "value": "isis"}
    )
    refused = client.post(
        f"/hearings/{hearing.pk}/answers/",
        {"fact": "hearing_answers_attack_year", "value": "vor langer Zeit"},
        follow=True,
    ).text
    page = client.get(f"/hearings/{hearing.pk}/").text
    assert "Genannter Ort: Erbil" in page  # information on a place named
    assert "kind-guideline" in page or "kind-information" in page
    assert "Offen: " in page  # a structured question for an open checklist item
    assert "erwartet wird eine ganze Zahl" in refused
    shown = re.sub(r"<[^>]+>", " ", page + refused)  # the text, not the markup's values
    english = sorted(p for p in _english_phrases() if p in shown)
    assert not english, f"English on the German hearing page: {english}"


def test_a_failing_panel_cannot_roll_back_a_saved_segment(hearing_client, monkeypatch):
    """The panels are built when the response renders, after the segment and its access-log
    entry have committed: an error in the rules evaluation loses neither."""
    from akte.web.audit.models import AccessLogEntry
    from akte.web.hearings import services

    client, hearing = hearing_client
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("the rules evaluation failed")

    monkeypatch.setattr(services, "refresh_panels", broken)
    updates = AccessLogEntry.objects.filter(action="update", record=f"hearing:{hearing.pk}")
    before = updates.count()
    response = say(client, hearing, "applicant", "Ich bin in Erbil geboren.")
    assert response.status_code == 500
    assert hearing.segments.filter(text="Ich bin in Erbil geboren.").exists()
    assert updates.count() == before + 1


def test_the_record_names_the_interviewer_by_display_name_and_old_seals_verify(hearing_client):
    from akte.hearing import seal as sealing
    from akte.web.hearings import services

    client, hearing = hearing_client
    hearing.interviewer.display_name = "Erika Muster"
    hearing.interviewer.username = "u4711k"  # a login no word of the record contains
    hearing.interviewer.save()
    say(client, hearing, "interviewer", "Woher kommen Sie?")
    client.post(f"/hearings/{hearing.pk}/read-back/")
    client.post(f"/hearings/{hearing.pk}/segments/1/confirm/")
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    hearing.refresh_from_db()
    login = hearing.interviewer.username
    assert (hearing.seal_format, hearing.interviewer_name) == (2, "Erika Muster")
    record = services.to_record(hearing)
    assert (record.header.interviewer, record.header.interviewer_login) == ("Erika Muster", login)
    for kind in ("pdf", "docx"):
        response = client.get(f"/hearings/{hearing.pk}/niederschrift.{kind}")
        if kind == "pdf":
            text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        else:
            document = Document(io.BytesIO(response.content))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            text = "\n".join([p.text for p in document.paragraphs] + cells)
        assert "Erika Muster" in text and login not in text, kind
    # a rename after sealing changes neither the record nor the seal
    hearing.interviewer.display_name = "Erika Mustermann"
    hearing.interviewer.save()
    assert services.seal_intact(hearing)
    # a hearing sealed in format 1 (the login in the header) still verifies
    hearing.seal = sealing.seal(services.to_record(hearing), version=1)
    hearing.seal_format = 1
    hearing.save()
    assert services.seal_intact(hearing)
    hearing.seal_format = 2
    assert not services.seal_intact(hearing)


def test_sealing_stores_the_checklist_coverage_the_quality_figures_read(hearing_client):
    from akte.web.hearings.quality import hearing_quality, sealed_indicators

    client, hearing = hearing_client
    say(client, hearing, "interviewer", "Woher kommen Sie?")
    say(client, hearing, "applicant", "Aus Erbil, Stadtteil Ankawa.")
    client.post(f"/hearings/{hearing.pk}/read-back/")
    for number in (1, 2):
        client.post(f"/hearings/{hearing.pk}/segments/{number}/confirm/")
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    hearing.refresh_from_db()
    assert hearing.is_sealed and hearing.checklist_items
    sealed = Hearing.objects.filter(pk=hearing.pk)
    (one,) = hearing_quality(sealed)
    expected = (hearing.procedure_id, hearing.date, one.checklist_total, one.checklist_covered,
                one.explain_put, one.explain_answered,
                one.used + one.skipped + one.dismissed + one.open, one.used)  # fmt: skip
    assert (hearing.checklist_items, hearing.checklist_covered) == expected[2:4]
    assert list(sealed_indicators(sealed)) == [expected]
    # sealed before the counts were stored: evaluated, with the same result
    sealed.update(checklist_items=None, checklist_covered=None)
    assert list(sealed_indicators(sealed)) == [expected]
