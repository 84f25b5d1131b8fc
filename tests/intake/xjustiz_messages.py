"""XJustiz messages built for the tests, one per supported version, valid against its XSD."""

from __future__ import annotations

from xml.sax.saxutils import escape

# what differs between the versions in the parts the reader reads
_CODE_VERSIONS = {
    "3.2.1": {"gerichte": "3.3", "klasse": "1.3", "typ": "3.0", "bestandteil": "2.2"},
    "3.4.1": {"gerichte": "3.3", "klasse": "1.3", "typ": "3.0", "bestandteil": "2.3"},
    "3.5.1": {"gerichte": "3.3", "klasse": "1.4", "typ": "3.1", "bestandteil": "2.4"},
    "3.6.2": {"gerichte": "3.5", "klasse": "1.4", "typ": "4.0", "bestandteil": "2.5"},
}


def _code(tag: str, value: str, version: str) -> str:
    return f'<{tag} listVersionID="{version}"><code xmlns="">{escape(value)}</code></{tag}>'


_UUID = "6f1c2a4e-0b7d-4c1e-9a53-2d8e7f1b0c11"
_OFFICE = "Bundesamt fuer Migration und Fluechtlinge"


def _head(version, v, court, court_file_number, office_file_number, date) -> str:
    """The message header: 3.6.2 nests sender and recipient; earlier versions list them flat."""
    court_code = _code("gericht", court, v["gerichte"])
    if version == "3.6.2":
        return f"""<nachrichtenkopf xjustizVersion="{version}">
<erstellungszeitpunkt>{date}T10:00:00</erstellungszeitpunkt>
<absender><informationen><auswahl_kommunikationspartner>{court_code}</auswahl_kommunikationspartner></informationen>
<aktenzeichen>{escape(court_file_number)}</aktenzeichen>
<eigeneNachrichtenID>{_UUID}</eigeneNachrichtenID></absender>
<empfaenger><informationen><auswahl_kommunikationspartner><sonstige>{_OFFICE}</sonstige></auswahl_kommunikationspartner></informationen>
<auswahl_aktenzeichen><aktenzeichen.freitext>{escape(office_file_number)}</aktenzeichen.freitext></auswahl_aktenzeichen></empfaenger>
<herstellerinformation><nameDesProdukts>Akte tests</nameDesProdukts><herstellerDesProdukts>Akte</herstellerDesProdukts><version>1</version></herstellerinformation>
</nachrichtenkopf>"""
    return f"""<nachrichtenkopf xjustizVersion="{version}">
<aktenzeichen.absender>{escape(court_file_number)}</aktenzeichen.absender>
<aktenzeichen.empfaenger>{escape(office_file_number)}</aktenzeichen.empfaenger>
<erstellungszeitpunkt>{date}T10:00:00</erstellungszeitpunkt>
<auswahl_absender>{_code("absender.gericht", court, v["gerichte"])}</auswahl_absender>
<auswahl_empfaenger><empfaenger.sonstige>{_OFFICE}</empfaenger.sonstige></auswahl_empfaenger>
<eigeneNachrichtenID>{_UUID}</eigeneNachrichtenID>
</nachrichtenkopf>"""


def message(
    version: str,
    *,
    court: str = "P2102",
    court_file_number: str = "VG 31 K 123.23 A",
    office_file_number: str = "8123456-439",
    document_class: str = "006",
    document_type: str | None = None,
    filename: str = "urteil.pdf",
    date: str = "2024-03-14",
    display_name: str = "Urteil",
) -> bytes:
    """An `uebermittlungSchriftgutobjekte` message with one document, as the court sends it."""
    v = _CODE_VERSIONS[version]
    eeb = (
        "<ruecksendungEEB.erforderlich>false</ruecksendungEEB.erforderlich>"
        if version == "3.2.1"
        else ""
    )
    doc_type = _code("dokumententyp", document_type, v["typ"]) if document_type else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<nachricht.gds.uebermittlungSchriftgutobjekte.0005005 xmlns="http://www.xjustiz.de">
{_head(version, v, court, court_file_number, office_file_number, date)}
<grunddaten><verfahrensdaten>
<instanzdaten>
<auswahl_instanzbehoerde>{_code("gericht", court, v["gerichte"])}</auswahl_instanzbehoerde>
<aktenzeichen><auswahl_aktenzeichen><aktenzeichen.freitext>{escape(court_file_number)}</aktenzeichen.freitext></auswahl_aktenzeichen></aktenzeichen>
</instanzdaten>
</verfahrensdaten></grunddaten>
<schriftgutobjekte>
<dokument>
<identifikation><id>0a8b7c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d</id><nummerImUebergeordnetenContainer>1</nummerImUebergeordnetenContainer></identifikation>
<fremdesGeschaeftszeichen>{escape(office_file_number)}</fremdesGeschaeftszeichen>
<datumDesSchreibens>{date}</datumDesSchreibens>
<xjustiz.fachspezifischeDaten>
{_code("dokumentklasse", document_class, v["klasse"])}
{doc_type}
<anzeigename>{escape(display_name)}</anzeigename>
<akteneinsicht>false</akteneinsicht>
<datei><dateiname>{escape(filename)}</dateiname>{_code("bestandteil", "001", v["bestandteil"])}</datei>
{eeb}
</xjustiz.fachspezifischeDaten>
</dokument>
</schriftgutobjekte>
</nachricht.gds.uebermittlungSchriftgutobjekte.0005005>
""".encode()
