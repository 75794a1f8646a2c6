"""Request logging: one structured line per request, and a request id on every line it causes.

``RequestLogMiddleware`` gives each request an id (the proxy's ``X-Request-ID`` when it is a sane
token, else a new one), echoes it in the response, and logs one line per request on the
``museum.access`` logger: method, path, status, duration and host. ``RequestIdFilter`` (on the
handler in ``LOGGING``) stamps the id on every record logged while the request runs, so the
traceback Django's ``django.request`` logger writes for a 500 carries the same id as the access
line, and an error report in Sentry carries it as a tag.

Why a few lines of our own rather than django-structlog: that package brings structlog and routes
Django's logging through it; here the standard library's logging stays in charge, and
python-json-logger only formats each record as one JSON object (``sites/settings/base.py``).
"""

import contextvars
import logging
import re
import time
import uuid

from django.core.exceptions import DisallowedHost

import sentry_sdk
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

access_logger = logging.getLogger("museum.access")

# The id of the request this thread (or task) is serving; None outside a request.
current_request_id = contextvars.ContextVar("request_id", default=None)

# An id from the proxy is kept only when it cannot forge a log line or bloat one.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_for(request):
    """The incoming ``X-Request-ID`` when it is a sane token, else a new uuid4 in hex."""
    incoming = request.headers.get("X-Request-ID", "")
    return incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def host_of(request):
    """The request's host for the log line, even when it is not one of ALLOWED_HOSTS (Django
    answers those with a 400, which is worth seeing with the host that caused it)."""
    try:
        return request.get_host()
    except DisallowedHost:
        return request.META.get("HTTP_HOST", "")[:255]


class RequestLogMiddleware:
    """Listed right after SecurityMiddleware, so that the id is set before anything else runs and
    the duration covers the rest of the stack. The duration is the time to build the response; a
    streamed body is still being sent when the line is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.request_id = request_id_for(request)
        token = current_request_id.set(request_id)
        sentry_sdk.set_tag("request_id", request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            # The path without its query string, which may carry a token or a visitor's search.
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "host": host_of(request),
                },
            )
            return response
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to each record logged during a request; records logged outside one (a
    management command, start-up) get none. Never drops a record."""

    def filter(self, record):
        request_id = current_request_id.get()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        return True


class JsonFormatter(BaseJsonFormatter):
    """python-json-logger's formatter with this project's field names: ``time`` (UTC, ISO 8601),
    ``level``, ``logger``, ``message``, then the record's extras (``request_id``, the access line's
    fields, a traceback as ``exc_info``). The ``request`` object Django's request loggers attach is
    left out: its text adds nothing to the request id and path."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)
