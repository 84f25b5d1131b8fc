"""Demo mail in the intake: a court decision and a summons that match demo procedures (one by
the office file number, one by the court file number on record), a medical certificate, a
letter nobody can place and an invalid XJustiz message, both waiting for review. The letters
are invented for the demo."""

from __future__ import annotations

from akte.web.cases.models import Procedure
from akte.web.intake.models import Source
from akte.web.intake.services import receive

_PAGE = "<html><head><meta charset='utf-8'><style>body{font:11pt serif}</style></head><body>%s</body></html>"


def _pdf(body: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=_PAGE % body).write_pdf()


def _letters(first: Procedure, second: Procedure) -> list[tuple[str, bytes]]:
    return [
        ("beschluss-vg-potsdam.pdf", _pdf(
            "<p>Verwaltungsgericht Potsdam</p><h1>BESCHLUSS</h1><p>VG 6 L 412/24.A</p>"
            f"<p>Ihr Zeichen: {first.file_number}</p><p>In der Verwaltungsrechtssache</p>"
            "<p>- Antragsteller -</p><p>gegen</p><p>Bundesrepublik Deutschland</p><p>- Antragsgegnerin -</p>"
            "<p>hat die 6. Kammer am 4. März 2024 beschlossen:</p>"
            "<p>Der Antrag auf Anordnung der aufschiebenden Wirkung der Klage wird abgelehnt.</p>"
            "<p>Gründe</p><p>Der Antrag ist zulässig, aber unbegründet (§ 80 Abs. 5 VwGO).</p>")),
        ("ladung-vg-potsdam.pdf", _pdf(
            "<p>Verwaltungsgericht Potsdam</p><p>Az.: VG 6 L 412/24.A</p><p>Potsdam, den 11.03.2024</p>"
            "<h1>Ladung</h1><p>In der Verwaltungsstreitsache werden Sie zur mündlichen Verhandlung am "
            "Dienstag, den 16.04.2024, 10:30 Uhr, Saal 3, geladen.</p>")),
        ("attest.pdf", _pdf(
            "<p>Dr. med. Yilmaz, Fachärztin für Psychiatrie</p><h1>Ärztliches Attest</h1>"
            f"<p>Geschäftszeichen: {second.file_number}</p>"
            "<p>Diagnosen: posttraumatische Belastungsstörung (ICD-10 F43.1)</p>"
            "<p>Reisefähigkeit ist derzeit nicht gegeben.</p>")),
        ("schreiben.pdf", _pdf(
            "<p>Sehr geehrte Damen und Herren,</p><p>anbei erhalten Sie den Schriftsatz der Gegenseite "
            "zur Kenntnisnahme.</p><p>Mit freundlichen Grüßen</p>")),
        ("nachricht.xml", (
            b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<nachricht.gds.uebermittlungSchriftgutobjekte.0005005 xmlns="http://www.xjustiz.de">\n'
            b'<nachrichtenkopf xjustizVersion="3.6.2"><erstellungszeitpunkt>gestern</erstellungszeitpunkt>'
            b"</nachrichtenkopf>\n</nachricht.gds.uebermittlungSchriftgutobjekte.0005005>\n")),
    ]  # fmt: skip


def create_demo_intake(clerk) -> None:
    procedures = list(Procedure.objects.order_by("pk")[:2])
    if len(procedures) < 2:
        return
    for name, data in _letters(*procedures):
        receive(data, name, Source.DEMO, clerk)
