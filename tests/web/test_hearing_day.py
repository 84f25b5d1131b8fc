"""A hearing day's defects, fixed: a fate can be corrected until sealing (the earlier kept,
also in the sealed annex), the read-back confirms all remaining segments but the exceptions,
tags and sources read as names, the dismissal reason is in a form of its own."""

from __future__ import annotations

import io
import re

from docx import Document

from akte.web.hearings import services

from .test_hearings import hearing_client, say  # noqa: F401 (fixture)


def test_a_fate_is_corrected_until_sealing_and_the_earlier_one_is_kept(hearing_client):  # noqa: F811
    client, hearing = hearing_client
    say(client, hearing, "applicant", "Aus Erbil, Stadtteil Ankawa.")
    shown = hearing.suggestions.filter(kind="question").first()
    url = f"/hearings/{hearing.pk}/suggestions/{shown.pk}/"
    client.post(url, {"fate": "used"})
    client.post(url, {"fate": "dismissed", "reason": "schon beantwortet"})
    shown.refresh_from_db()
    assert (shown.fate, shown.fate_reason) == ("dismissed", "schon beantwortet")
    assert [e["fate"] for e in shown.earlier_fates] == ["used"]
    client.post(url, {"fate": "dismissed", "reason": "schon beantwortet"})  # same: no new entry
    shown.refresh_from_db()
    assert len(shown.earlier_fates) == 1
    client.post(f"/hearings/{hearing.pk}/read-back/")
    client.post(f"/hearings/{hearing.pk}/confirm-all/", {"except": ""})
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    hearing.refresh_from_db()
    assert hearing.is_sealed and services.seal_intact(hearing)
    refused = client.post(url, {"fate": "used"})
    shown.refresh_from_db()
    assert shown.fate == "dismissed" and refused.status_code in (200, 302)
    docx = client.get(f"/hearings/{hearing.pk}/niederschrift.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "schon beantwortet (earlier: used)" in text


def test_confirm_all_remaining_segments_with_exceptions(hearing_client):  # noqa: F811
    client, hearing = hearing_client
    for i in range(5):
        say(client, hearing, "applicant" if i % 2 else "interviewer", f"Satz {i}.")
    client.post(f"/hearings/{hearing.pk}/read-back/")
    assert (
        "hearing: the numbers"
        not in client.post(f"/hearings/{hearing.pk}/confirm-all/", {"except": "2; x"}).text
    )
    assert not hearing.segments.filter(confirmed_at__isnull=False).exists()  # refused whole
    client.post(f"/hearings/{hearing.pk}/confirm-all/", {"except": "2, 4"})
    confirmed = set(
        hearing.segments.filter(confirmed_at__isnull=False).values_list("number", flat=True)
    )
    assert confirmed == {1, 3, 5}


def test_the_dismissal_reason_has_a_form_whose_only_button_dismisses(hearing_client):  # noqa: F811
    client, hearing = hearing_client
    page = say(client, hearing, "applicant", "Aus Erbil, Stadtteil Ankawa.").text
    forms = re.findall(r"<form[^>]*fate-form[^>]*>(.*?)</form>", page, re.S)
    with_reason = [f for f in forms if 'name="reason"' in f]
    assert with_reason and all(
        re.findall(r'name="fate" value="(\w+)"', f) == ["dismissed"] for f in with_reason
    )


def test_tags_under_segments_read_as_the_elements_titles(hearing_client):  # noqa: F811
    client, hearing = hearing_client
    choices = services.checklist_choices(hearing)
    item, title = choices[0]
    say(client, hearing, "applicant", "Man hat mich geschlagen.", tags=[item])
    page = client.get(f"/hearings/{hearing.pk}/").text
    tags = re.search(r'<span class="tags">(.*?)</span>', page).group(1)
    assert title in tags and item not in tags


def test_the_record_names_applicant_and_participants_and_marks_a_draft(hearing_client):  # noqa: F811
    from pypdf import PdfReader

    client, hearing = hearing_client
    hearing.interviewer.display_name = "Anna Beispiel"
    hearing.interviewer.save()
    hearing.language = "ps"
    hearing.save()
    for i in range(60):  # long enough for several pages
        say(client, hearing, "applicant" if i % 2 else "interviewer", f"Satz Nummer {i} " * 12)
    client.cookies["django_language"] = "de"
    pdf = PdfReader(io.BytesIO(client.get(f"/hearings/{hearing.pk}/niederschrift.pdf").content))
    assert len(pdf.pages) >= 2
    for page in pdf.pages:
        assert "ENTWURF" in page.extract_text()
    first = pdf.pages[0].extract_text()
    assert "Rebin Barzani" in first and "1990" in first and "Anna Beispiel" in first
    assert "Paschtu" in first and "Art. 14" in " ".join(p.extract_text() for p in pdf.pages)
    docx = Document(io.BytesIO(client.get(f"/hearings/{hearing.pk}/niederschrift.docx").content))
    assert docx.core_properties.title.startswith("Niederschrift")
    assert docx.core_properties.author  # the office
    assert "ENTWURF" in docx.sections[0].header.paragraphs[0].text
    client.post(f"/hearings/{hearing.pk}/read-back/")
    client.post(f"/hearings/{hearing.pk}/confirm-all/", {"except": ""})
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    pdf = PdfReader(io.BytesIO(client.get(f"/hearings/{hearing.pk}/niederschrift.pdf").content))
    assert all("ENTWURF" not in page.extract_text() for page in pdf.pages)


def test_the_quality_view_pages_and_filters(users, make_procedure, client):
    from akte.web.accounts.models import Team
    from akte.web.accounts.roles import Role
    from akte.web.hearings.models import Hearing

    # Munich's procedures reach Berlin's quality assurance through its team (need-to-know)
    review = Team.objects.create(name="Qualitätssicherung")
    review.members.add(users[Role.QUALITY_ASSURANCE])
    for i in range(28):
        procedure = make_procedure(family="Khalil", given="Omar", office="BER" if i % 4 else "MUC")
        if procedure.office == "MUC":
            procedure.team = review
            procedure.save()
        services.start(
            procedure, users[Role.INTERVIEWER], skeleton="short", interpreter="", language="ar"
        )
    Hearing.objects.filter(pk__in=Hearing.objects.order_by("pk").values("pk")[:3]).update(
        state="read_back"
    )
    client.force_login(users[Role.QUALITY_ASSURANCE])
    rows = lambda page: page.split("Per hearing")[1].count("/hearings/")  # noqa: E731
    first = client.get("/hearings/quality/").text
    assert rows(first) == 25 and "page 1 of 2" in first
    assert rows(client.get("/hearings/quality/?page=2").text) == 3
    assert rows(client.get("/hearings/quality/?state=read_back").text) == 3
    assert rows(client.get("/hearings/quality/?office=MUC").text) == 7
    assert rows(client.get("/hearings/quality/?office=<script>").text) == 25  # unknown: ignored


def _keys(hearing) -> set[str]:
    """The internal keys a German reader must never see: checklist item ids, fact names,
    choice keys, role keys, language codes, skeleton keys, repository file paths."""
    from akte.web.accounts.roles import Role
    from akte.web.hearings.assistant import rulebook

    book = rulebook()
    keys = {item for item, _title in services.checklist_choices(hearing)}
    keys |= set(book.facts)
    for fact in book.facts.values():
        keys |= {c for c in fact.type.choices if c not in book.places}
    keys |= {r.value for r in Role if "_" in r.value}
    return keys


def test_every_choice_of_the_rulebook_has_german_and_english_words():
    from akte.web.hearings.assistant import rulebook

    book = rulebook()
    missing = [
        f"{name}.{choice}"
        for name, fact in book.facts.items()
        for choice in fact.type.choices
        if choice not in book.places and not {"de", "en"} <= set(fact.choice_labels.get(choice, {}))
    ]
    assert not missing, f"choices without German and English labels: {missing}"


def _leaks(text: str, keys: set[str]) -> list[str]:
    # a key as it is, or with its underscores as spaces (how an unlabelled choice is shown)
    spellings = keys | {k.replace("_", " ") for k in keys if "_" in k}
    found = [k for k in spellings if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", text)]
    found += re.findall(r"\b[\w-]+/[\w./-]+\.(?:txt|yaml|md)\b", text)
    found += re.findall(r"\((?:short|long)\)|· (?:ku|ps|ar|fa|ti) ·", text)
    return found


def test_a_german_hearing_and_its_record_show_no_internal_key(hearing_client, users):  # noqa: F811

    client, hearing = hearing_client
    client.cookies["django_language"] = "de"
    keys = _keys(hearing)
    choices = services.checklist_choices(hearing)
    say(client, hearing, "interviewer", "Woher kommen Sie?")
    say(client, hearing, "applicant", "Aus Erbil, Stadtteil Ankawa.", tags=[choices[0][0]])
    say(client, hearing, "applicant", "Später nach Mossul.", tags=[c for c, _ in choices[1:3]])
    client.post(
        f"/hearings/{hearing.pk}/answers/", {"fact": "hearing_answers_actor", "value": "isis"}
    )
    client.post(
        f"/hearings/{hearing.pk}/answers/",
        {"fact": "hearing_answers_documents", "value": ["passport", "tazkira"]},
    )
    # every other choice fact a question asks, answered with a key that has an underscore
    for fact, value in (
        ("persecution_actor", "party_controlling_state"),
        ("persecution_reasons", ["political_opinion", "social_group"]),
        ("hearing_answers_religion", "none_stated"),
        ("hearing_answers_ethnicity", "none_stated"),
    ):
        answered = client.post(f"/hearings/{hearing.pk}/answers/", {"fact": fact, "value": value})
        assert answered.status_code < 400, (fact, answered.status_code)
    client.post(f"/hearings/{hearing.pk}/notes/", {"kind": "comprehension_ok", "note": ""})
    for number, shown in enumerate(hearing.suggestions.all()[:3]):
        fate = ("used", "skipped", "dismissed")[number]
        client.post(
            f"/hearings/{hearing.pk}/suggestions/{shown.pk}/",
            {"fate": fate, "reason": "schon gefragt"},
        )
    pages = [client.get(f"/hearings/{hearing.pk}/").text]
    client.post(f"/hearings/{hearing.pk}/read-back/")
    pages.append(client.get(f"/hearings/{hearing.pk}/").text)
    client.post(f"/hearings/{hearing.pk}/confirm-all/", {"except": ""})
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    pages.append(client.get(f"/hearings/{hearing.pk}/").text)
    pages.append(client.get(f"/procedures/{hearing.procedure.pk}/").text)
    texts = [re.sub(r"<[^>]+>", " ", page) for page in pages]
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(client.get(f"/hearings/{hearing.pk}/niederschrift.pdf").content))
    texts.append(" ".join(p.extract_text() for p in pdf.pages))
    docx = Document(io.BytesIO(client.get(f"/hearings/{hearing.pk}/niederschrift.docx").content))
    texts.append("\n".join(p.text for p in docx.paragraphs))
    assert "der sogenannte Islamische Staat (IS)" in texts[-1]  # the answer, in words
    assert "politische Überzeugung" in texts[-1] and "nichtstaatlich" not in texts[-1]
    leaks = sorted({leak for text in texts for leak in _leaks(text, keys)})
    assert not leaks, f"internal keys in the German hearing or its record: {leaks}"


def test_a_procedural_note_is_corrected_as_a_layer_until_sealing(hearing_client):  # noqa: F811
    client, hearing = hearing_client
    client.post(f"/hearings/{hearing.pk}/notes/", {"kind": "health", "note": "Kopfschmerzen"})
    note = hearing.notes.get()
    client.post(f"/hearings/{hearing.pk}/notes/{note.pk}/correct/", {"note": "Rückenschmerzen"})
    notes = services.to_record(hearing).procedural_notes
    assert notes[0].endswith("Kopfschmerzen") and "Berichtigung des Hinweises vom" in notes[1]
    assert notes[1].endswith("Rückenschmerzen")
    say(client, hearing, "interviewer", "Frage?")
    client.post(f"/hearings/{hearing.pk}/read-back/")
    client.post(f"/hearings/{hearing.pk}/confirm-all/", {"except": ""})
    client.post(f"/hearings/{hearing.pk}/conclude/", {"confirmed": "yes"})
    client.post(f"/hearings/{hearing.pk}/notes/{note.pk}/correct/", {"note": "nach dem Siegel"})
    hearing.refresh_from_db()
    assert hearing.notes.count() == 2 and services.seal_intact(hearing)
