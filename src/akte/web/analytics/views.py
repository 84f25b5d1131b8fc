"""The dashboard over the newest snapshot: each figure as a chart with its table beside it,
filters, downloads (CSV, SVG, PNG), the definition one click away. Every read is in the
access log (the snapshot is pseudonymised personal data) and in the snapshot's read log."""

from __future__ import annotations

import csv
from html import escape
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from akte.analytics import reports, snapshot
from akte.analytics.config import settings as analytics_settings
from akte.analytics.reports import ReportError
from akte.web.accounts.purposes import Purpose
from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shown
from akte.web.audit.subject import Subject

from . import charts
from .figures import DEFINITIONS, DIMENSION_NAMES, TITLES, result
from .forms import DashboardFilter

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def _allowed(request) -> None:
    if not request.user.can(Capability.VIEW_STATISTICS):
        raise Http404


def _newest() -> Path | None:
    try:
        return snapshot.newest(analytics_settings().snapshots)
    except ReportError:
        return None


def _subject(folder: Path) -> Subject:
    return Subject(f"analytics-snapshot:{folder.name}"[:100])


def _filter(request) -> DashboardFilter:
    form = DashboardFilter(request.GET)  # bound even when empty: every field is optional
    form.is_valid()
    return form


@login_required
@require_safe
@logs_access(read="snapshot_subject", purpose=Purpose.QUALITY_ASSURANCE)
def dashboard(request):
    _allowed(request)
    folder = _newest()
    form = _filter(request)
    context = {"form": form, "folder": folder, "figures": []}
    if folder is None or form.errors:
        return render(
            request, "analytics/dashboard.html", context, status=400 if form.errors else 200
        )
    try:
        manifest = snapshot.read(folder)
    except ReportError as refused:
        context["refused"] = refused
        return render(request, "analytics/dashboard.html", context)
    snapshot.log_read(folder, who=f"web:{request.user.get_username()}", what="dashboard")
    query = request.GET.urlencode()
    for name in reports.catalogue().reports:
        res = result(folder, name, form.filters(), form.years())
        title, value_label = TITLES[name]
        context["figures"].append({
            "name": name, "title": title, "value_label": value_label,
            "definition": DEFINITIONS[name], "source": reports.report(name).source,
            "dimensions": [(d, DIMENSION_NAMES.get(d, d)) for d in res.dimensions],
            "rows": res.rows, "query": query, "table": _table(res, name),
        })  # fmt: skip
    context.update(manifest=manifest, min_persons=analytics_settings().min_persons)
    response = render(request, "analytics/dashboard.html", context)
    return shown(response, snapshot_subject=_subject(folder))


def _number(decimal_separator: str):
    """Django's number format in the page's language, with the separator looked up once."""

    def shown(value, decimal_pos: int) -> str:
        return numberformat.format(value, decimal_separator, decimal_pos, use_l10n=True)

    return shown


def _shown_value(row: dict, rate: bool, number) -> str:
    if row["suppressed"] == "primary":
        return "•"
    if row["suppressed"]:
        return "◦"
    value = row["value"]
    if rate and value is not None:
        return number(value * 100, 1) + " %"
    return number(value, 1 if isinstance(value, float) else 0)


TABLE_ROWS = 60  # the page shows the first rows; the CSV has all


def _table(res, name: str) -> SafeString:
    """The table's rows as HTML, every value escaped (one string built in Python instead of a
    template loop per cell keeps the page fast)."""
    rate = charts.is_rate(name)
    number = _number(get_format("DECIMAL_SEPARATOR"))
    dims = res.dimensions
    lines = []
    for row in res.rows[:TABLE_ROWS]:
        cells = "".join(
            "<td>—</td>" if row[d] is None else f"<td>{escape(str(row[d]))}</td>" for d in dims
        )
        persons = "" if row["persons"] is None else escape(str(row["persons"]))
        value = escape(_shown_value(row, rate, number))
        lines.append(f'<tr>{cells}<td class="num">{value}</td><td class="num">{persons}</td></tr>')
    return mark_safe("\n".join(lines))  # noqa: S308  (every part above is escaped)


def _figure(request, name: str):
    _allowed(request)
    folder = _newest()
    if folder is None or name not in reports.catalogue().reports:
        raise Http404
    form = _filter(request)
    if form.errors:
        raise Http404
    manifest = snapshot.read(folder)
    snapshot.log_read(folder, who=f"web:{request.user.get_username()}", what=name)
    return result(folder, name, form.filters(), form.years()), manifest


@login_required
@require_safe
@logs_access(export="snapshot_subject", purpose=Purpose.QUALITY_ASSURANCE)
def chart(request, report: str, fmt: str):
    name = report
    res, manifest = _figure(request, name)
    title, value_label = TITLES[name]
    with_language = {**charts.spec(res, title=str(title), value_label=str(value_label)),
                     "usermeta": {"language": get_language()}}  # fmt: skip
    response = HttpResponse(charts.render(with_language, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    return shown(response, snapshot_subject=_subject(res.folder))


@login_required
@require_safe
@logs_access(export="snapshot_subject", purpose=Purpose.QUALITY_ASSURANCE)
def table_csv(request, report: str):
    name = report
    res, manifest = _figure(request, name)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    columns = [*res.dimensions, "value", "persons", "suppressed"]
    writer = csv.DictWriter(response, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(res.rows)
    return shown(response, snapshot_subject=_subject(res.folder))
