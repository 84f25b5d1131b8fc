"""Sorting, filtering and paging a worklist from the query string, with every key and value
checked: an unknown filter value is a 400 that names it, never a silent empty list."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.http import urlencode

PAGE_SIZE = 50


class BadFilter(ValueError):
    def __init__(self, key: str, value: str) -> None:
        super().__init__(key)
        self.key, self.value = key, value[:40]


@dataclass(frozen=True)
class Filter:
    """`apply(queryset, value)`; `allowed` a pattern (or a set) the value must match."""

    apply: Callable[[QuerySet, str], QuerySet]
    allowed: str | frozenset[str]
    default: str = ""

    def valid(self, value: str) -> bool:
        if isinstance(self.allowed, frozenset):
            return value in self.allowed
        return re.fullmatch(self.allowed, value) is not None


@dataclass(frozen=True)
class Listing:
    sorts: dict[str, tuple[str, ...]]  # key -> order_by fields (ascending)
    default_sort: str
    filters: dict[str, Filter] = field(default_factory=dict)

    def apply(self, request, queryset: QuerySet) -> dict:
        """The page and what the template needs to link sorting and pages."""
        selected = {}
        for key, spec in self.filters.items():
            value = request.GET.get(key, spec.default).strip()
            if value and not spec.valid(value):
                raise BadFilter(key, value)
            selected[key] = value
            if value:
                queryset = spec.apply(queryset, value)
        sort = request.GET.get("sort", self.default_sort)
        key = sort.removeprefix("-")
        if key not in self.sorts:
            raise BadFilter("sort", sort)
        order = self.sorts[key]
        if sort.startswith("-"):
            order = tuple(f[1:] if f.startswith("-") else f"-{f}" for f in order)
        page_number = request.GET.get("page", "1")
        if not page_number.isdigit() or len(page_number) > 9:
            raise BadFilter("page", page_number)
        page = Paginator(queryset.order_by(*order, "pk"), PAGE_SIZE).get_page(page_number)
        query = {k: v for k, v in selected.items() if v}
        return {
            "page": page,
            "sort": sort,
            "selected": selected,
            "query": urlencode(query),  # the filters, for the sort links
            "sort_query": urlencode({**query, "sort": sort}),  # and the sort, for the pages
        }
