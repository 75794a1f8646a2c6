"""What keeps visitors, editors and the admin safe: policies by path, sandboxed media, login throttling.

- **Content-Security-Policy** comes from django-csp. Its middleware applies one policy to every
  response; Wagtail's admin needs inline scripts and styles that public pages must never run, so
  :class:`ContentSecurityPolicyMiddleware` picks the admin policy for the admin's paths.
- **Media** uploaded by editors is never served as something a browser runs on the site's origin:
  :func:`serve_media` wraps Django's static file view with a sandboxing policy and sends anything
  that is not a raster image as a download.
- **Login throttling** is django-axes: failures per account and per address, its state in the
  database that every application server shares. Wagtail's admin login goes through
  ``authenticate()``, which axes guards by itself; the page-password form and the password reset
  form do not, so the two views here report to axes the same way a failed login does.
"""

import mimetypes

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.views.static import serve

from wagtail import views as wagtail_views
from wagtail.admin.views.account import PasswordResetView
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction

from axes.handlers.proxy import AxesProxyHandler
from csp.middleware import CSPMiddleware

ADMIN_PATHS = ("/admin/", "/django-admin/")

# Files a browser shows as an inert picture; everything else under MEDIA_URL is a download.
INLINE_MEDIA_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the admin's own, looser policy for the admin's paths (not the site's)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PATHS):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


def serve_media(request, path):
    """An uploaded file, served so that it can never run script on the site's (and admin's) origin.

    Django's ``static.serve`` sends a file with the type its name suggests and nothing else, so an
    SVG or HTML file would run its script as the site. Uploads of those are refused already
    (``home.uploads``); this holds even for a file that reached the media folder another way.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = settings.MEDIA_CONTENT_SECURITY_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in INLINE_MEDIA_TYPES:
        response["Content-Type"] = mimetypes.guess_type(path)[0] or "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response


def lockout_response(request, original_response=None, credentials=None):
    """The answer to a locked account or address: 429, in the visitor's language, in the look of
    the place they came from (the admin, or the museum's site)."""
    template = (
        "security/locked_out_admin.html"
        if request.path_info.startswith(ADMIN_PATHS)
        else "security/locked_out.html"
    )
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, template, {"minutes": minutes}, status=429)


def _throttled(request, credentials):
    """None when the attempt may go ahead, else the lockout answer."""
    if AxesProxyHandler.is_allowed(request, credentials):
        return None
    return lockout_response(request, credentials=credentials)


def _record_failure(request, credentials, sender):
    # The signal Django sends for a failed login; axes counts it per account and per address.
    user_login_failed.send(sender=sender, credentials=credentials, request=request)


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, with each wrong password counted like a failed login.

    The "account" is the restriction itself, so one private page cannot be guessed from many
    addresses, nor many pages from one address.
    """
    if request.method == "POST":
        credentials = {"username": f"page-password:{page_view_restriction_id}"}
        locked = _throttled(request, credentials)
        if locked is not None:
            return locked
        restriction = PageViewRestriction.objects.filter(pk=page_view_restriction_id).first()
        if (
            restriction is not None
            and not PasswordViewRestrictionForm(request.POST, instance=restriction).is_valid()
        ):
            _record_failure(request, credentials, sender=authenticate_with_password)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's "forgot password" form; every request counts toward the account's and the address's
    limit, so the form can be used neither to flood an inbox nor to probe for accounts."""

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()
        credentials = {"username": f"password-reset:{email}"}
        locked = _throttled(request, credentials)
        if locked is not None:
            return locked
        _record_failure(request, credentials, sender=type(self))
        if getattr(request, "axes_locked_out", False):  # this request reached the limit
            return lockout_response(request, credentials=credentials)
        return super().post(request, *args, **kwargs)
