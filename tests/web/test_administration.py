"""The administration: only the administrator role opens it; users are created, edited,
deactivated (after confirmation, never deleted); offices are shown read-only; API tokens are
issued with an expiry (shown once) and revoked after confirmation; the rulebooks in force
with their versions. The administrator sees no person's data anywhere."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from akte.cli import app
from akte.web.accounts.models import ApiToken, User
from akte.web.accounts.roles import Role
from akte.web.cases.offices import Office

from . import urlwalk
from .conftest import PASSWORD
from .urlwalk import BORN, FAMILY, GIVEN, ORIGINAL, web_routes

marker = urlwalk.marker
PAGES = ["", "users/", "users/new/", "offices/", "tokens/", "tokens/new/", "rulebooks/"]


@pytest.fixture
def admin(users, client_for):
    return client_for(users[Role.ADMINISTRATOR])


@pytest.mark.parametrize("role", list(Role))
def test_only_the_administrator_opens_the_administration(role, users, client_for):
    client = client_for(users[role])
    target = users[Role.INTERVIEWER]
    urls = [f"/administration/{p}" for p in PAGES]
    urls += [
        f"/administration/users/{target.pk}/",
        f"/administration/users/{target.pk}/deactivate/",
    ]
    for url in urls:
        expected = 200 if role == Role.ADMINISTRATOR else 404
        assert client.get(url).status_code == expected, url
    client.post(f"/administration/users/{target.pk}/deactivate/", {"confirm": "yes"})
    target.refresh_from_db()
    assert target.is_active == (role != Role.ADMINISTRATOR)


def test_anonymous_is_sent_to_the_login(client):
    response = client.get("/administration/users/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_administrator_sees_no_persons_data(marker, users, client_for):
    """Every administration page (and the whole site, by the access walk) as administrator:
    no name, original-script name or birth date of the marker person."""
    client = client_for(users[Role.ADMINISTRATOR])
    admin_urls = [url for name, url in web_routes(marker) if name.startswith("administration:")]
    assert len(admin_urls) >= 10
    marks = [GIVEN, FAMILY, ORIGINAL, BORN.strftime("%d.%m.%Y"), BORN.isoformat()]
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code in (200, 405), url
        assert not [m for m in marks if m in response.content.decode()], url
    # nor on the pages a person's data would be on
    assert client.get(f"/persons/{marker['person'].pk}/").status_code == 404
    page = client.get(f"/procedures/{marker['procedure'].pk}/").text
    assert FAMILY not in page and GIVEN not in page


def test_create_a_user_with_display_name_role_office(admin):
    response = admin.post(
        "/administration/users/new/",
        {
            "username": "emuster",
            "display_name": "Erika Muster",
            "role": Role.DECISION_MAKER,
            "office": "NUE",
            "organisation": "BAMF",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="emuster")
    assert (user.display_name, user.role, user.office) == ("Erika Muster", "decision_maker", "NUE")
    assert user.check_password(PASSWORD) and str(user) == "Erika Muster"
    assert "Erika Muster" in admin.get("/administration/users/").text


def test_a_user_without_a_password_cannot_log_in(admin, client):
    admin.post(
        "/administration/users/new/",
        {"username": "nopw", "display_name": "Ohne Passwort", "role": Role.INTERVIEWER},
    )
    user = User.objects.get(username="nopw")
    assert not user.has_usable_password()


def test_bad_user_input_is_refused_at_the_field(admin, users):
    cases = [
        {"username": "x", "display_name": "X", "role": "king"},
        {"username": "y", "display_name": "Y", "role": Role.INTERVIEWER, "office": "XXX"},
        {"username": "z", "display_name": "", "role": Role.INTERVIEWER},
        {"username": "w", "display_name": "W", "role": Role.INTERVIEWER, "password1": "123",
         "password2": "123"},
        {"username": "v", "display_name": "V", "role": Role.INTERVIEWER, "password1": PASSWORD,
         "password2": PASSWORD + "x"},
        {"username": Role.INTERVIEWER.value, "display_name": "dup", "role": Role.INTERVIEWER},
        {"username": "<script>", "display_name": "S", "role": Role.INTERVIEWER},
    ]  # fmt: skip
    for data in cases:
        response = admin.post("/administration/users/new/", data)
        assert response.status_code == 400, data
    assert not User.objects.filter(username__in=["x", "y", "z", "w", "v", "<script>"]).exists()


def test_edit_a_user_keeps_the_login(admin, users):
    target = users[Role.INTERVIEWER]
    response = admin.post(
        f"/administration/users/{target.pk}/",
        {"username": "renamed", "display_name": "Ida Interview", "role": Role.DECISION_MAKER,
         "office": "MUC", "organisation": ""},
    )  # fmt: skip
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.username == Role.INTERVIEWER.value  # the login never changes
    assert (target.display_name, target.role, target.office) == (
        "Ida Interview",
        "decision_maker",
        "MUC",
    )
    assert target.check_password(PASSWORD)  # an empty password field keeps the password


def test_the_administrator_cannot_lock_themselves_out(admin, users):
    me = users[Role.ADMINISTRATOR]
    response = admin.post(
        f"/administration/users/{me.pk}/",
        {"display_name": "Admin", "role": Role.INTERVIEWER, "office": "", "organisation": ""},
    )
    assert response.status_code == 400
    admin.post(f"/administration/users/{me.pk}/deactivate/", {"confirm": "yes"})
    me.refresh_from_db()
    assert me.is_active and me.role == Role.ADMINISTRATOR


def test_deactivation_asks_first_and_never_deletes(admin, users, client):
    target = users[Role.PARTNER_AGENCY]
    _, clear = ApiToken.issue(target, "ABH")
    confirm = admin.get(f"/administration/users/{target.pk}/deactivate/")
    assert confirm.status_code == 200 and 'name="confirm" value="yes"' in confirm.text
    admin.post(f"/administration/users/{target.pk}/deactivate/")  # no confirmation: nothing
    target.refresh_from_db()
    assert target.is_active
    admin.post(f"/administration/users/{target.pk}/deactivate/", {"confirm": "yes"})
    target.refresh_from_db()
    assert not target.is_active and User.objects.filter(pk=target.pk).exists()
    api = Client().get("/api/procedures", headers={"Authorization": f"Bearer {clear}"})
    assert api.status_code == 401  # its tokens stop working
    admin.post(f"/administration/users/{target.pk}/activate/")
    target.refresh_from_db()
    assert target.is_active


def test_offices_are_the_code_list_read_only(admin):
    page = admin.get("/administration/offices/").text
    for code, label in Office.choices:
        assert code in page and str(label) in page
    assert "code list" in page and "<form" not in page.split("<main", 1)[1].split("</main>")[0]


def test_issue_a_token_shown_once_with_the_default_expiry(admin, users, client, settings):
    partner = users[Role.PARTNER_AGENCY]
    form = admin.get("/administration/tokens/new/")
    assert f'value="{settings.AKTE_API_TOKEN_DAYS}"' in form.text
    response = admin.post(
        "/administration/tokens/new/",
        {"user": partner.pk, "name": "ABH Musterstadt", "days": settings.AKTE_API_TOKEN_DAYS},
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(name="ABH Musterstadt")
    clear = response.text.split('id="clear-token" readonly size="60" value="')[1].split('"')[0]
    assert clear.startswith("akte_")
    assert token.expires_at - token.created_at == dt.timedelta(days=90)
    listing = admin.get("/administration/tokens/").text
    assert "ABH Musterstadt" in listing and clear not in listing and token.digest not in listing
    ok = Client().get("/api/procedures", headers={"Authorization": f"Bearer {clear}"})
    assert ok.status_code == 200


def test_an_expired_token_is_refused_by_the_api(admin, users, client):
    partner = users[Role.PARTNER_AGENCY]
    response = admin.post(
        "/administration/tokens/new/", {"user": partner.pk, "name": "kurz", "days": 1}
    )
    clear = response.text.split('id="clear-token" readonly size="60" value="')[1].split('"')[0]
    headers = {"Authorization": f"Bearer {clear}"}
    assert Client().get("/api/procedures", headers=headers).status_code == 200
    ApiToken.objects.filter(name="kurz").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    refused = Client().get("/api/procedures", headers=headers)
    assert refused.status_code == 401
    assert "expired" in admin.get("/administration/tokens/").text


@pytest.mark.parametrize("days", ["0", "367", "-5", "zehn", ""])
def test_token_validity_out_of_range_is_refused(days, admin, users):
    response = admin.post(
        "/administration/tokens/new/",
        {"user": users[Role.PARTNER_AGENCY].pk, "name": "x", "days": days},
    )
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_revoke_asks_first(admin, users, client):
    token, clear = ApiToken.issue(users[Role.PARTNER_AGENCY], "ABH")
    headers = {"Authorization": f"Bearer {clear}"}
    url = f"/administration/tokens/{token.pk}/revoke/"
    assert 'value="yes"' in admin.get(url).text
    admin.post(url)
    token.refresh_from_db()
    assert not token.revoked
    assert admin.post(url, {"confirm": "yes"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked
    assert Client().get("/api/procedures", headers=headers).status_code == 401


def test_the_rulebooks_in_force_with_their_versions(admin):
    from akte.rules import config
    from akte.rules.rulebook import Rulebook

    page = admin.get("/administration/rulebooks/").text
    for folder in ("asylum-de", "dublin-iii"):
        book = Rulebook.load(config.bundled_rulebooks() / folder)
        assert book.name in page and book.version in page
    assert "hearings (AKTE_RULEBOOK)" in page


def test_a_broken_rulebook_is_shown_not_a_500(admin, settings, tmp_path):
    from akte.web.administration import rulebooks

    (tmp_path / "rulebook.yaml").write_text("name: [unclosed\n")
    settings.AKTE_RULEBOOK = str(tmp_path)
    rulebooks._load.cache_clear()
    response = admin.get("/administration/rulebooks/")
    assert response.status_code == 200 and "cannot be loaded" in response.text


def test_administration_in_german(users, client):
    client.cookies["django_language"] = "de"
    client.force_login(users[Role.ADMINISTRATOR])
    page = client.get("/administration/users/").text
    assert "Benutzer" in page and "Anzeigename" in page
    assert "Verwaltung" in client.get(reverse("administration:index")).text


def test_forms_are_keyboard_friendly(admin):
    """Every input has a label (Django's as_div pairs them); no positive tabindex."""
    for url in ["/administration/users/new/", "/administration/tokens/new/"]:
        page = admin.get(url).text
        assert 'tabindex="1' not in page
        for name in ("display_name", "role", "office") if "users" in url else ("user", "days"):
            assert f'<label for="id_{name}"' in page, (url, name)


def test_createuser_takes_a_display_name(db):
    result = CliRunner().invoke(
        app,
        ["createuser", "dora", "--role", "decision_maker", "--display-name", "Dora Entscheid"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert str(User.objects.get(username="dora")) == "Dora Entscheid"


def test_cli_tokens_expire_too(users, settings):
    result = CliRunner().invoke(
        app, ["token", "issue", users[Role.PARTNER_AGENCY].username, "--name", "cli"]
    )
    assert result.exit_code == 0, result.output
    token = ApiToken.objects.get(name="cli")
    assert token.expires_at - token.created_at == dt.timedelta(days=settings.AKTE_API_TOKEN_DAYS)
    result = CliRunner().invoke(
        app,
        ["token", "issue", users[Role.PARTNER_AGENCY].username, "--name", "kurz", "--days", "3"],
    )
    token = ApiToken.objects.get(name="kurz")
    assert token.expires_at - token.created_at == dt.timedelta(days=3)
