"""The analytics snapshot of the live database and the dashboard over it."""

import json

import pyarrow.parquet as pq
import pytest

from akte.analytics import config
from akte.web.accounts.roles import Role
from akte.web.analytics import snapshot
from akte.web.audit.models import AccessLogEntry


@pytest.fixture
def snapshots(tmp_path, monkeypatch):
    monkeypatch.setenv("AKTE_ANALYTICS_SNAPSHOTS", str(tmp_path / "analytics"))
    config.settings.cache_clear()
    yield tmp_path / "analytics"
    config.settings.cache_clear()


@pytest.fixture
def office(make_procedure):
    for i in range(12):
        make_procedure(family=f"Haddad{i}", country="SYR" if i % 3 else "AFG")
    return 12


def _all_values(folder):
    values = []
    for path in folder.glob("*.parquet"):
        for row in pq.read_table(path).to_pylist():
            values.extend(str(v) for v in row.values() if v is not None)
    return values


def test_a_snapshot_holds_no_names_no_birth_dates_and_no_raw_ids(snapshots, office):
    folder = snapshot.write(snapshots)
    values = _all_values(folder)
    assert not any("Haddad" in v or "حداد" in v or "Aleppo" in v for v in values)
    assert "1990" not in values
    procedures = pq.read_table(folder / "procedures.parquet").to_pylist()
    assert len(procedures) == office
    assert all(len(row["procedure_key"]) == 32 and not row["procedure_key"].isdigit()
               for row in procedures)  # fmt: skip
    assert {row["age_band"] for row in procedures} == {"25-34"}  # born 1990, lodged 2024
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["row_counts"]["procedures"] == office and manifest["schema_version"] == 1
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_the_key_is_rotated_for_each_snapshot_unless_asked(snapshots, office):
    def keys(folder):
        return {r["person_key"] for r in pq.read_table(folder / "procedures.parquet").to_pylist()}

    first = snapshot.write(snapshots)
    second = snapshot.write(snapshots)
    kept = snapshot.write(snapshots, keep_key=True)
    assert keys(first).isdisjoint(keys(second))
    assert keys(kept) == keys(second)


def test_creating_a_snapshot_is_in_the_access_log(snapshots, office):
    folder = snapshot.write_logged(snapshots)
    entry = AccessLogEntry.objects.get(record=f"analytics-snapshot:{folder.name}")
    assert entry.action == "export" and entry.via == "cli"


@pytest.mark.parametrize("role", [Role.QUALITY_ASSURANCE, Role.MANAGEMENT])
def test_quality_assurance_and_management_see_the_figures_and_the_read_is_logged(
    snapshots, office, users, client_for, role
):
    folder = snapshot.write(snapshots)
    client = client_for(users[role])
    page = client.get("/analytics/")
    assert page.status_code == 200
    text = page.text
    assert "Applications (first and follow-up)" in text and "Overall protection rate" in text
    assert "Definition" in text and "/analytics/applications.svg" in text
    assert AccessLogEntry.objects.filter(
        record=f"analytics-snapshot:{folder.name}", action="read", username=role.value
    ).exists()
    reads = (folder / "reads.log").read_text()
    assert f"web:{role.value}" in reads


def test_charts_and_tables_download(snapshots, office, users, client_for):
    snapshot.write(snapshots)
    client = client_for(users[Role.QUALITY_ASSURANCE])
    svg = client.get("/analytics/applications.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg")
    png = client.get("/analytics/applications.png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    table = client.get("/analytics/applications.csv?nationality=SYR").content.decode()
    assert table.splitlines()[0] == "period,application_kind,value,persons,suppressed"
    # 8 Syrian applications in one month: published; 4 Afghan ones would be suppressed
    assert "2024-05,first,8,8," in table


def test_small_cells_are_suppressed_on_the_page(snapshots, office, users, client_for):
    snapshot.write(snapshots)
    client = client_for(users[Role.QUALITY_ASSURANCE])
    table = client.get("/analytics/applications.csv?nationality=AFG").content.decode()
    assert "2024-05,first,,,primary" in table


def test_a_bad_filter_is_a_400_that_says_what(snapshots, office, users, client_for):
    snapshot.write(snapshots)
    client = client_for(users[Role.QUALITY_ASSURANCE])
    page = client.get("/analytics/?nationality=syr%27--&year_from=2026&year_to=2020")
    assert page.status_code == 400
    assert "Three capital letters" in page.text


@pytest.mark.parametrize(
    "role", [Role.PARTNER_AGENCY, Role.COUNSEL, Role.REGISTRY_CLERK, Role.ADMINISTRATOR]
)
def test_the_figures_are_not_for_other_roles(snapshots, office, users, client_for, role):
    snapshot.write(snapshots)
    client = client_for(users[role])
    assert client.get("/analytics/").status_code == 404
    assert client.get("/analytics/applications.csv").status_code == 404


def test_no_snapshot_yet_says_how_to_make_one(snapshots, users, client_for):
    page = client_for(users[Role.QUALITY_ASSURANCE]).get("/analytics/")
    assert page.status_code == 200 and "akte analytics snapshot" in page.text


def test_decisions_and_appeals_reach_the_protection_rate(snapshots, make_procedure, users,
                                                         client_for):  # fmt: skip
    import datetime as dt

    from akte.web.cases.models import Appeal, Decision

    outcomes = ["refugee"] * 5 + ["subsidiary"] * 3 + ["unfounded"] * 4 + ["inadmissible"] * 2
    for i, outcome in enumerate(outcomes):
        procedure = make_procedure(family=f"Name{i}")
        decision = Decision.objects.create(procedure=procedure, outcome=outcome, basis="-",
                                           decided_on=dt.date(2025, 3, 1), appeal_days=14)  # fmt: skip
        if outcome == "unfounded":
            Appeal.objects.create(procedure=procedure, decision=decision, court="VG Berlin",
                                  court_file_number=f"VG 1 K {i}/25", kind="main",
                                  lodged_on=dt.date(2025, 3, 10))  # fmt: skip
    folder = snapshot.write(snapshots)
    assert pq.read_table(folder / "decisions.parquet").num_rows == len(outcomes)
    client = client_for(users[Role.QUALITY_ASSURANCE])
    overall = client.get("/analytics/protection_rate.csv").content.decode().splitlines()
    adjusted = client.get("/analytics/adjusted_protection_rate.csv").content.decode().splitlines()
    assert overall[1] == "2025,SYR,0.571429,14,"  # 8 of 14
    assert adjusted[1] == "2025,SYR,0.666667,12,"  # 8 of 12: the formal decisions left out
    appeals = client.get("/analytics/appeals.csv").content.decode()
    assert "2025-03,pending,,,primary" in appeals  # 4 persons: below the threshold
