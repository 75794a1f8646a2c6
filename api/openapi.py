"""The API's OpenAPI document, served at /api/v2/openapi.json with the requesting host as its server.

Hand-written (``openapi.json`` beside this module), not generated. Wagtail's API v2 builds its
serializers at request time from each page type's ``api_fields`` and the ``?fields=`` and ``?type=``
parameters, so a generator such as drf-spectacular sees no fields to describe; and the events and
partners listings are shaped by their serializers' method fields, which no generator can type. A
hand-written document says what clients may rely on, closely enough (``additionalProperties: false``,
``required`` lists, enums, formats) that tests/test_api.py fails when an answer drifts from it.
It is JSON, not YAML, because PyYAML is not a dependency of the running sites.
"""

import json
from functools import cache
from pathlib import Path

from django.urls import reverse

from rest_framework.response import Response
from rest_framework.views import APIView

from .endpoints import PublicEndpointMixin

DOCUMENT = Path(__file__).with_name("openapi.json")


@cache
def load_document():
    return json.loads(DOCUMENT.read_text(encoding="utf-8"))


def document_for(request):
    """The document with one server: this API on the host the request came to."""
    base = request.build_absolute_uri(reverse("api_openapi")).rsplit("/", 1)[0]
    return {**load_document(), "servers": [{"url": base}]}


class OpenAPIDocumentView(PublicEndpointMixin, APIView):
    def get(self, request):
        return Response(document_for(request))
