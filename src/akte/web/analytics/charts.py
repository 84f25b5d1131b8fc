"""Charts of a report as Vega-Lite, rendered on the server to SVG or PNG (vl-convert), so
the page needs no script and the CSP stays without `unsafe-eval`. Suppressed cells are gaps,
never zeros. Rendered charts are kept per snapshot, report, filters and language."""

from __future__ import annotations

from functools import lru_cache

from akte.analytics.run import Result

TOP = 8  # categories drawn; the table beside the chart has them all
LOCALES = {"de": "de-DE", "en": "en-US"}  # the UI's languages, as d3 number and time locales


def spec(result: Result, *, title: str, value_label: str) -> dict:
    dims = result.dimensions
    rows = [row for row in result.rows if row["value"] is not None]
    category = dims[-1] if dims[-1] != "statistic" else "statistic"
    totals: dict[object, float] = {}
    for row in rows:
        totals[row[category]] = totals.get(row[category], 0) + abs(row["value"])
    shown = sorted(totals, key=lambda k: -totals[k])[:TOP]
    values = [
        {"x": row.get("period") or row[dims[0]], "c": str(row[category]), "y": row["value"]}
        for row in rows
        if row[category] in shown
    ]
    rate = is_rate(result.report)
    mark = "line" if "period" in dims and result.rows and _many_periods(result) else "bar"
    x = {"field": "x", "type": "ordinal", "title": None}
    if mark == "line":  # a time axis: a few ticks instead of a label per period (fast to draw)
        monthly = any(len(str(value["x"])) > 4 for value in values)
        x = {**x, "type": "temporal", "timeUnit": "utcyearmonth" if monthly else "utcyear"}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 560,
        "height": 220,
        "data": {"values": values},
        "mark": {"type": mark, "point": mark == "line" and len(values) <= 200, "tooltip": True},
        "encoding": {
            "x": x,
            "y": {
                "field": "y",
                "type": "quantitative",
                "title": value_label,
                **({"axis": {"format": "%"}} if rate else {}),
            },
            "color": {"field": "c", "type": "nominal", "title": None},
            **({} if mark == "line" or rate else {"xOffset": {"field": "c"}}),
        },
    }


def is_rate(report: str) -> bool:
    return report.endswith("rate") or report in ("hearing_quality", "intake_review_share")


def _many_periods(result: Result) -> bool:
    return len({row.get("period") for row in result.rows}) > 6


@lru_cache(maxsize=512)
def _render(spec_json: str, fmt: str) -> bytes:
    import json

    import vl_convert

    data = json.loads(spec_json)
    locale = LOCALES.get(data.get("usermeta", {}).get("language", ""), "en-US")
    kwargs = {"format_locale": locale, "time_format_locale": locale}  # "Okt. 2016", "1.000"
    if fmt == "png":
        return vl_convert.vegalite_to_png(data, scale=2, **kwargs)
    return vl_convert.vegalite_to_svg(data, **kwargs).encode()


def render(chart: dict, fmt: str) -> bytes:
    import json

    return _render(json.dumps(chart, sort_keys=True, default=str), fmt)
