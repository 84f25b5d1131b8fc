from django.urls import include, path, re_path

from akte.web.api.problems import not_found as api_not_found
from akte.web.api.problems import urls_with_problems
from akte.web.api.views import api

urlpatterns = [
    path("", include("akte.web.cases.urls")),
    path("", include("akte.web.hearings.urls")),
    path("", include("akte.web.statuslog.urls")),
    path("", include("akte.web.search.urls")),
    path("", include("akte.web.worklists.urls")),
    path("dublin/", include("akte.web.dublin.urls")),
    path("intake/", include("akte.web.intake.urls")),
    path("courses/", include("akte.web.courses.urls")),
    path("administration/", include("akte.web.administration.urls")),
    path("analytics/", include("akte.web.analytics.urls")),
    path("accounts/", include("akte.web.accounts.urls")),
    path("audit/", include("akte.web.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", urls_with_problems(api)),  # 405 as problem details too
    re_path(r"^api/(?P<rest>.*)$", api_not_found),  # and 404
]

handler500 = "akte.web.overload.server_error"  # 503 + Retry-After when the database is busy
