"""Person similarity search for registry clerks and decision-makers: ranked candidates with
a per-field explanation; every search is written to the access log with its purpose.
While the index is first being built at server start, the page shows how far the build is
instead of waiting for it (and searches no one)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from akte.matching.index import QueryError, parse_query
from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shows_no_personal_data
from akte.web.audit.subject import Subject
from akte.web.cases.access import visible_persons, visible_procedures
from akte.web.cases.forms import CountryField, countries_datalist
from akte.web.cases.models import Sex

from .people import person_index, progress, still_building


class SearchForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    born = forms.CharField(
        label=_("born"), max_length=10, required=False, help_text=_("YYYY, MM.YYYY or DD.MM.YYYY")
    )
    country = CountryField(label=_("nationality"), required=False)
    place = forms.CharField(label=_("place of birth"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("sex"), choices=[("", "–"), *Sex.choices], required=False)


def _index_progress() -> dict:
    """How far the index's first build is, the numbers as the reader's language writes them."""
    state = progress()
    return {
        **state,
        "building": still_building(),  # a search would wait for the build now
        "done_shown": number_format(state["done"], force_grouping=True),
        "total_shown": number_format(state["total"], force_grouping=True),
    }


def _searched(context) -> Subject | None:
    return Subject("persons") if context["searched"] else None


def _persons_shown(context):  # each result is shown with names and dates: a read
    return [person for _, person in context["results"]]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])  # POST: the search in the body
@logs_access(search=_searched, read=_persons_shown)
def search(request):
    if not request.user.can(Capability.SEARCH_PERSONS):
        raise Http404
    # the search arrives in a POST body (names stay out of URLs and logs); a GET shows the form
    form = SearchForm(request.POST if request.method == "POST" else None)
    index = _index_progress()
    searched = form.is_valid() and not index["building"]  # while building: no one searched
    results, warnings, error = [], [], None
    if form.is_valid():
        data = form.cleaned_data
        try:
            query, warnings = parse_query(
                data["name"], data["born"] or None, data["country"], data["place"], data["sex"]
            )
            # nobody below the floor; while the index is being built no one is searched
            candidates = person_index().search(query, limit=20, floor=True) if searched else []
        except QueryError as exc:
            error, candidates = exc.message, []
        # need-to-know: only persons of the user's own procedures (`cases.access`)
        visible = Prefetch("procedures", queryset=visible_procedures(request.user))
        persons = (
            visible_persons(request.user)
            .prefetch_related(visible)
            .in_bulk([int(c.id) for c in candidates])
        )
        results = [(c, persons.get(int(c.id))) for c in candidates if int(c.id) in persons]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "searched": searched,
            "index": index,
            "form": form,
            "results": results,
            "warnings": warnings,
            "error": error,
            "countries": countries_datalist(),
        },
    )


@login_required
@require_safe
@shows_no_personal_data
def index_progress(request):
    """The notice of the index's build alone, polled by the search page until it is built."""
    if not request.user.can(Capability.SEARCH_PERSONS):
        raise Http404
    return TemplateResponse(request, "search/_index_progress.html", {"index": _index_progress()})
