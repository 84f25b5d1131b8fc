"""XJustiz: each supported version read from a message built here and valid against the
schema shipped in the package; invalid and hostile messages kept with their reasons."""

from __future__ import annotations

import pytest
from lxml import etree

from akte.intake import xjustiz
from akte.intake.read import read_bytes, read_path

from .conftest import pdf_of
from .xjustiz_messages import message

VERSIONS = ["3.2.1", "3.4.1", "3.5.1", "3.6.2"]


@pytest.mark.parametrize("version", VERSIONS)
def test_built_message_is_valid_against_its_version_schema(version):
    root = etree.fromstring(message(version))
    assert xjustiz.schema(version).validate(root), xjustiz.schema(version).error_log


@pytest.mark.parametrize("version", VERSIONS)
def test_shipped_schema_matches_the_official_one(version, shared_testdata):
    official = shared_testdata / "xjustiz-xsd" / version / xjustiz.ENTRY_SCHEMAS[version]
    schema = etree.XMLSchema(etree.parse(str(official)))
    assert schema.validate(etree.fromstring(message(version, document_type="198")))


@pytest.mark.parametrize("version", VERSIONS)
def test_metadata_of_each_version(version, tmp_path):
    (tmp_path / "ladung.pdf").write_bytes(
        pdf_of("<h1>Ladung</h1><p>Termin zur mündlichen Verhandlung</p>")
    )
    path = tmp_path / "nachricht.xml"
    path.write_bytes(
        message(
            version,
            court="G6076",
            court_file_number="VG 6 K 1234/23.A",
            office_file_number="8123456-439",
            document_class="015",
            document_type="198",
            filename="ladung.pdf",
            date="2024-05-03",
        )
    )
    (part,) = read_path(path)
    assert part.error is None and part.problems == []
    meta = part.xjustiz
    assert meta["version"] == version and meta["valid"]
    assert meta["court_code"] == "G6076"
    assert meta["court"] == "Verwaltungsgericht Potsdam"
    assert meta["court_file_number"] == "VG 6 K 1234/23.A"
    assert meta["office_file_number"] == "8123456-439"
    assert (meta["document_class"], meta["document_type"]) == ("015", "198")
    assert meta["date"] == "2024-05-03"
    assert part.part == "ladung.pdf" and part.text_source == "text"
    assert "Ladung" in part.text


def test_message_without_its_file_keeps_the_metadata(tmp_path):
    path = tmp_path / "n.xml"
    path.write_bytes(message("3.6.2", filename="urteil.pdf"))
    (part,) = read_path(path)
    assert part.text_source == "xjustiz" and part.pages == 0
    assert part.xjustiz["document_class"] == "006"
    assert [p.code for p in part.problems] == ["intake.xjustiz.attachment_missing"]


def test_file_name_that_leaves_the_folder_is_not_followed(tmp_path):
    (tmp_path / "secret.pdf").write_bytes(pdf_of("<p>secret</p>"))
    inner = tmp_path / "inbox"
    inner.mkdir()
    path = inner / "n.xml"
    path.write_bytes(message("3.5.1", filename="../secret.pdf"))
    (part,) = read_path(path)
    assert part.pages == 0 and part.text == ""
    assert part.problems[-1].code == "intake.xjustiz.attachment_missing"


def test_invalid_message_is_kept_with_line_and_element_of_each_error():
    data = message("3.4.1").replace(b'<code xmlns="">006</code>', b'<code xmlns="">999</code>')
    data = data.replace(
        b"<akteneinsicht>false</akteneinsicht>", b"<akteneinsicht>ja</akteneinsicht>"
    )
    data = data.replace(b"<datumDesSchreibens>2024-03-14", b"<datumDesSchreibens>14.03.2024")
    (part,) = read_bytes("n.xml", data)
    assert part.error is None
    assert part.xjustiz["valid"] is False
    errors = [p for p in part.problems if p.code == "intake.xjustiz.schema_error"]
    assert {e.params["element"] for e in errors} >= {"datumDesSchreibens", "akteneinsicht"}
    lines = data.decode().splitlines()
    for e in errors:
        assert e.params["element"] in lines[e.params["line"] - 1]
    assert part.xjustiz["document_class"] == "999"  # read as far as it goes


def test_unknown_version_is_named():
    data = message("3.6.2").replace(b'xjustizVersion="3.6.2"', b'xjustizVersion="9.9"')
    (part,) = read_bytes("n.xml", data)
    assert part.problems[0].code == "intake.xjustiz.unknown_version"
    assert part.xjustiz["valid"] is False


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<nachricht.gds.uebermittlungSchriftgutobjekte.0005005 xmlns="http://www.xjustiz.de">&x;</nachricht.gds.uebermittlungSchriftgutobjekte.0005005>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<lolz xmlns="http://www.xjustiz.de">&lol9;</lolz>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_entities_are_refused(data):
    (part,) = read_bytes("evil.xml", data)
    assert part.error.code == "intake.xjustiz.doctype"
    assert b"root:" not in repr(part).encode()


def test_malformed_xml_names_its_line():
    (part,) = read_bytes("bad.xml", b"<?xml version='1.0'?>\n<a>\n<b></a>")
    assert part.error.code == "intake.xjustiz.malformed"
    assert part.error.params["line"] == 3


def test_xml_of_another_namespace():
    (part,) = read_bytes("other.xml", b"<root xmlns='urn:x'/>")
    assert part.error.code == "intake.xjustiz.not_xjustiz"


def test_code_lists_are_shipped():
    assert xjustiz.code_list("GDS.Dokumentklasse")["021"] == "Gerichtsbescheid"
    assert xjustiz.code_list("GDS.Dokumenttyp")["198"] == "Ladung"
    assert xjustiz.code_list("GDS.Gerichte")["G6076"] == "Verwaltungsgericht Potsdam"
