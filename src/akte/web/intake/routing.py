"""Team queues as data (routing.yaml): the first rule that holds names the queue."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext_lazy as _

QUEUE_LABELS = {
    "litigation": _("Litigation team"),
    "dublin": _("Dublin unit"),
    "case_owner": _("Case owner"),
    "registry": _("Registry"),
}


@cache
def rules() -> dict:
    data = yaml.safe_load((Path(__file__).with_name("routing.yaml")).read_text(encoding="utf-8"))
    for rule in data["rules"]:
        assert rule["queue"] in data["queues"], rule
        assert rule["queue"] in QUEUE_LABELS, rule
        if "text" in rule:
            rule["pattern"] = re.compile(rule["text"], re.IGNORECASE)
    return data


def route(
    kind: str, document_class: str, text: str, procedure_status: str | None
) -> tuple[str, list[dict]]:
    """(queue, reasons) for a document."""
    for rule in rules()["rules"]:
        if "kinds" in rule and kind not in rule["kinds"]:
            continue
        if "document_classes" in rule and document_class not in rule["document_classes"]:
            continue
        if "procedure_status" in rule and procedure_status not in rule["procedure_status"]:
            continue
        if "pattern" in rule:
            found = rule["pattern"].search(text or "")
            if not found:
                continue
            return rule["queue"], [
                {"code": "route.rule_text", "rule": rule["rule"], "phrase": found.group(0)}
            ]
        return rule["queue"], [{"code": "route.rule", "rule": rule["rule"]}]
    return "registry", [{"code": "route.rule", "rule": "none"}]
