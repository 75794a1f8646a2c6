"""What an editor is told when the media storage is out of reach while they upload or replace a file.

The storage raises ``home.storage.StorageUnavailable`` from inside Wagtail's views, which have no
answer for it but a 500. Nothing was stored: the file is sent before its row is written, so the
editor only needs to be told, in their own admin language, to try again. Wagtail's multiple-upload
screen reads a JSON answer and shows its ``error_message`` beside the file, as it does for a file it
refuses; every other form is shown again (a redirect to it) with the message on top.

A visitor (or a GET) meeting the outage gets the 503 page instead (``home.views.server_error``).
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from home.storage import StorageUnavailable


def editors_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return profile.get_preferred_language() if profile else translation.get_language()


class StorageUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable) or request.method != "POST":
            return None
        if not getattr(request, "user", None) or not request.user.is_authenticated:
            return None
        with translation.override(editors_language(request.user)):
            message = _(
                "The file could not be stored: the media storage is not answering. Nothing was saved; "
                "please try again in a few minutes."
            )
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "/multiple/" in request.path:
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        return redirect(request.get_full_path())
