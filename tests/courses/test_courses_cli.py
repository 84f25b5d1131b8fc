"""`akte courses entitlement|bill` and `akte bench courses`."""

import json

from typer.testing import CliRunner

from akte.cli import app

runner = CliRunner()


def test_entitlement_says_why_and_exits_1_when_refused():
    ok = runner.invoke(
        app,
        [
            "courses",
            "entitlement",
            "--as-of",
            "2023-03-01",
            "-f",
            "residence_status=residence_permit",
            "-f",
            "entitlement_issued_on=2023-02-01",
        ],
    )
    assert ok.exit_code == 0 and "may attend" in ok.output
    refused = runner.invoke(
        app,
        [
            "courses",
            "entitlement",
            "--as-of",
            "2023-03-01",
            "-f",
            "residence_status=permission_to_stay",
            "-f",
            "entitlement_issued_on=2023-02-01",
            "-f",
            "lasting_stay_expected=true",
            "-f",
            "safe_country_of_origin=true",
        ],
    )
    assert refused.exit_code == 1 and "safe country of origin" in refused.output
    assert "aufenthg-45a-2-4-safe-country-presumption" in refused.output


def test_a_bad_value_is_refused_with_a_message():
    result = runner.invoke(
        app, ["courses", "entitlement", "--as-of", "2023-03-01", "-f", "receives_sgb2=perhaps"]
    )
    assert result.exit_code == 1 and "receives_sgb2: expected true or false" in result.output


def test_bill_a_course_from_json(tmp_path):
    course = {
        "module": "basic_b2",
        "days": [["2022-07-29", 5], ["2022-08-01", 5]],
        "participants": [{"id": "p1", "facts": {"employed": False}}],
        "marks": [["p1", "2022-07-29", "present"], ["p1", "2022-08-01", "present", 20]],
        "first": "2022-07-01",
        "last": "2022-08-31",
    }
    path = tmp_path / "course.json"
    path.write_text(json.dumps(course))
    result = runner.invoke(app, ["courses", "bill", str(path)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["total"] == "42.56"  # 5 × 4.64 + 4 × 4.84 (20 minutes late: one unit lost)
    assert [line["rate"] for line in out["lines"]] == ["4.64", "4.84"]


def test_bench_courses_prints_json_and_the_naive_path_agrees():
    result = runner.invoke(app, ["bench", "courses", "--courses", "3", "--naive", "1"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["courses"] == 3 and out["marks"] == 3 * 80 * 25
    assert out["naive_agrees_to_the_cent"] is True
    assert out["fast_invoices_per_second"] > 0 and out["speedup"] is not None
