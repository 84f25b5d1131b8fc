"""Django's JSON serialisation with times kept to the microsecond.

Django's own encoder cuts times to milliseconds; a sealed hearing's seal covers the times
of its record (segments, notes, the confirmation), so a dump through it would break every
seal on restore (the restore drill found it on PostgreSQL). Registered as ``json-exact``
for the dump; the file is plain Django JSON and loads with ``loaddata`` as such.
"""

from __future__ import annotations

import datetime as dt

from django.core.serializers.json import Deserializer, DjangoJSONEncoder  # noqa: F401
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
