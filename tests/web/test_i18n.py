"""German by default, English selectable."""

from django.test import Client

from akte.web.accounts.roles import Role


def test_german_is_the_default(users, make_procedure):
    make_procedure()
    client = Client()
    client.force_login(users[Role.REGISTRY_CLERK])
    page = client.get("/").text
    assert 'lang="de"' in page
    assert "Aktenzeichen" in page and "Antrag gestellt" in page and "1 Verfahren" in page


def test_browser_language_does_not_override_the_office_language(users):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(users[Role.REGISTRY_CLERK])
    assert 'lang="de"' in client.get("/").text


def test_english_selectable(users):
    client = Client()
    client.force_login(users[Role.REGISTRY_CLERK])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").text
    assert 'lang="en"' in page and "File number" in page


def test_german_field_errors(users):
    client = Client()
    client.force_login(users[Role.REGISTRY_CLERK])
    response = client.post("/register/", {"procedure-file_number": "1"})
    assert response.status_code == 400
    assert "Bitte die markierten Felder korrigieren" in response.text


def test_every_ui_text_has_a_german_translation():
    """Every German catalogue (the project's and each app's own `locale/`) has no
    untranslated or fuzzy entry (run makemessages, then translate, then compilemessages)."""
    from pathlib import Path

    import akte.web

    catalogues = sorted(Path(akte.web.__file__).parent.glob("**/locale/de/LC_MESSAGES/django.po"))
    assert catalogues
    untranslated = []
    for po in catalogues:
        entries = po.read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header
        for entry in entries:
            if entry.lstrip().startswith("#~"):
                continue  # obsolete
            lines = entry.strip().splitlines()
            if any(line.startswith("#,") and "fuzzy" in line for line in lines):
                untranslated.append(entry)
            for i, line in enumerate(lines):
                if line.startswith("msgstr") and line.endswith('""'):
                    following = lines[i + 1 : i + 2]
                    if not following or not following[0].startswith('"'):
                        untranslated.append(entry)
        mo = po.with_suffix(".mo")
        assert mo.stat().st_size > 0, mo
    assert not untranslated, untranslated[:3]
