import datetime as dt

import pytest

from akte.core.partial_date import PartialDate
from akte.web.accounts.models import User
from akte.web.accounts.roles import Role
from akte.web.cases.models import NameSpelling, Person, Procedure, Status, StatusEvent

PASSWORD = "a-long-test-password"


@pytest.fixture
def make_user(db):
    def make(role: Role, username: str | None = None) -> User:
        user = User(username=username or role.value, role=role, office="BER")
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


@pytest.fixture
def users(make_user):
    return {role: make_user(role) for role in Role}


@pytest.fixture
def make_procedure(db):
    counter = iter(range(1000000, 9999999))

    def make(family="Haddad", given="Mohammed", country="SYR", key="475", **kwargs) -> Procedure:
        person = Person.objects.create(
            sex="M",
            birth_date=PartialDate(1990),
            birth_place="Aleppo",
            nationality=country,
            languages="ar",
        )
        NameSpelling.objects.create(
            person=person, given_names=given, family_name=family, is_primary=True
        )
        NameSpelling.objects.create(
            person=person, given_names="محمد", family_name="حداد", script="Arab"
        )
        procedure = Procedure.objects.create(
            file_number=f"{next(counter)}-{key}",
            person=person,
            status=kwargs.get("status", Status.LODGED),
            office=kwargs.get("office", "BER"),
            country=country,
            language="ar",
            lodged_on=dt.date(2024, 5, 2),
        )
        StatusEvent.objects.create(procedure=procedure, status=procedure.status)
        return procedure

    return make


@pytest.fixture
def client(client):
    """Tests read English messages; the German default is tested on its own."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def client_for(client):
    def login(user: User):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def own_status_log(settings, tmp_path):
    """Each test gets its own verifiable status log (the Django database rolls back, the
    log is a separate store that would not)."""
    settings.AKTE_LEDGER_CONFIG = str(tmp_path / "ledger" / "ledger.toml")


@pytest.fixture(autouse=True)
def fresh_person_index():
    """The person index lives in the process; the database rolls back after each test."""
    from akte.web.search.people import reset

    reset()
    yield
    reset()
