"""WSGI entry point for gunicorn: `gunicorn akte.web.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akte.web.settings.production")
application = get_wsgi_application()

from akte.web.search.people import start_building  # noqa: E402 - needs the app loaded

start_building()  # the person index, in the background: the first search does not wait
