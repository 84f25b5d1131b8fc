"""The `akte` command line for the web side: createuser."""

from typer.testing import CliRunner

from akte.cli import app
from akte.web.accounts.models import User

runner = CliRunner()


def test_createuser(db):
    result = runner.invoke(
        app,
        ["createuser", "anna", "--role", "interviewer", "--office", "BER"],
        input="a-long-test-password\na-long-test-password\n",
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="anna")
    assert user.role == "interviewer" and user.check_password("a-long-test-password")


def test_createuser_unknown_role(db):
    result = runner.invoke(
        app, ["createuser", "bob", "--role", "king"], input="a-long-test-password\n" * 2
    )
    assert result.exit_code == 1
    assert "unknown role 'king'" in result.output
    assert not User.objects.filter(username="bob").exists()


def test_createuser_weak_password(db):
    result = runner.invoke(app, ["createuser", "carl", "--role", "interviewer"], input="123\n123\n")
    assert result.exit_code == 1
    assert "zu kurz" in result.output  # the default language is German


def test_api_token_lifecycle(db, client):
    from akte.web.accounts.models import ApiToken

    User.objects.create(username="abh", role="partner_agency")
    issued = runner.invoke(app, ["token", "issue", "abh", "--name", "ABH Musterstadt"])
    assert issued.exit_code == 0, issued.output
    clear = issued.output.split(": ", 1)[1].split()[0]
    assert (
        client.get("/api/procedures", headers={"Authorization": f"Bearer {clear}"}).status_code
        == 200
    )
    listed = runner.invoke(app, ["token", "list"])
    assert "ABH Musterstadt" in listed.output and clear not in listed.output
    token_id = ApiToken.objects.get().pk
    assert runner.invoke(app, ["token", "revoke", str(token_id)]).exit_code == 0
    assert (
        client.get("/api/procedures", headers={"Authorization": f"Bearer {clear}"}).status_code
        == 401
    )
    assert runner.invoke(app, ["token", "issue", "nobody", "--name", "x"]).exit_code == 1


def test_bench_load_says_what_is_wrong_with_its_options():
    result = runner.invoke(app, ["bench", "load", "--rates", "10,lots"])
    assert result.exit_code == 2 and "--rates" in result.output and "lots" in result.output
    result = runner.invoke(app, ["bench", "load", "--server", "apache"])
    assert result.exit_code == 2 and "serve or gunicorn" in result.output
