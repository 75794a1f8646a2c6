"""The translation status dashboard and its PO export and import, in Wagtail's admin.

Open to users with wagtail-localize's "Can submit translations" permission
(``wagtail_localize.submit_translation``, granted per group under Settings → Groups), which is also
what its "Translate" and "Sync" forms require; superusers always have it. Importing a file also needs
the right to edit each translation it touches (checked per object, as wagtail-localize's own PO upload
does).
"""

import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from editorial import roles
from editorial.translations import po
from editorial.translations.status import Status, site_status, target_languages

PERMISSION = "wagtail_localize.submit_translation"


def user_may_translate(user):
    return user.is_active and user.has_perm(PERMISSION)


def user_may_translate_site(user, site):
    """A museum's editors and moderators hold the permission for their own site; the status of the
    other museum's (its pages' titles, drafts among them, and a PO export that syncs its sources) is
    not theirs. Translators and network administrators work on both."""
    codes = roles.museum_codes_of_user(user)
    if not codes or roles.is_translator(user) or roles.is_network_admin(user):
        return True
    return roles.site_museum_code(site) in codes


def language_name(code):
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Zip of PO files"),
        help_text=_("The zip exported here, with the translations filled in. They are saved as drafts."),
    )


class PermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_may_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DashboardView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Per site and language, how many objects are translated, drafts, out of date or missing."""

    template_name = "editorial/translations/dashboard.html"
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for site in Site.objects.order_by("site_name", "hostname"):
            if not user_may_translate_site(self.request.user, site):
                continue
            for language in target_languages():
                status = site_status(site, language)
                rows.append(
                    {
                        "status": status,
                        "counts": status.counts,
                        "language_name": language_name(language),
                        "url": reverse("editorial_translations:site", args=[site.pk, language]),
                    }
                )
        context.update(rows=rows, statuses=Status)
        return context


class SiteLanguageView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """What one site needs translated into one language, with links into wagtail-localize's editor,
    a PO export of all of it, and the import of the translated files."""

    template_name = "editorial/translations/site_language.html"
    header_icon = "wagtail-localize-language"
    import_results = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["language"] not in target_languages():
            raise Http404
        self.site = get_object_or_404(Site, pk=kwargs["site_id"])
        self.language = kwargs["language"]

    def dispatch(self, request, *args, **kwargs):
        if not user_may_translate_site(request.user, self.site):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def url(self):
        return reverse("editorial_translations:site", args=[self.site.pk, self.language])

    def get_page_title(self):
        return gettext("Translation status")

    def get_page_subtitle(self):
        return f"{self.site.site_name or self.site.hostname} · {language_name(self.language)}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("editorial_translations:dashboard"), "label": gettext("Translation status")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = site_status(self.site, self.language)
        context.update(
            status=status,
            counts=status.counts,
            statuses=Status,
            items=[{"item": item, "url": item.url(next_url=self.url)} for item in status.needing_work],
            language_name=language_name(self.language),
            export_url=reverse("editorial_translations:export", args=[self.site.pk, self.language]),
            import_form=kwargs.get("import_form") or ImportForm(),
            import_results=self.import_results,
        )
        return context

    def post(self, request, *args, **kwargs):
        """The upload of a translated zip; answered with this page and a line per file."""
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.import_results = po.import_zip(form.cleaned_data["file"], user=request.user)
            except po.POArchiveError as error:
                form.add_error("file", str(error))
            else:
                imported = sum(result.imported for result in self.import_results)
                failed = len(self.import_results) - imported
                if imported:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d file imported as a draft.",
                            "%(count)d files imported as drafts.",
                            imported,
                        )
                        % {"count": imported},
                    )
                if failed:
                    messages.warning(
                        request,
                        ngettext(
                            "%(count)d file was not imported.", "%(count)d files were not imported.", failed
                        )
                        % {"count": failed},
                    )
        return self.render_to_response(self.get_context_data(import_form=form))


@require_POST
def export_view(request, site_id, language):
    """The zip of PO files for one site and language. A POST: exporting syncs the English sources."""
    if not user_may_translate(request.user):
        raise PermissionDenied
    if language not in target_languages():
        raise Http404
    site = get_object_or_404(Site, pk=site_id)
    if not user_may_translate_site(request.user, site):
        raise PermissionDenied
    buffer = io.BytesIO()
    report = po.export_zip(site, language, buffer)
    if report.skipped:
        # Shown on the next admin page: the download itself cannot carry a message.
        messages.info(
            request,
            ngettext(
                "%(count)d translation made outside the workflow was left out; edit it directly.",
                "%(count)d translations made outside the workflow were left out; edit them directly.",
                len(report.skipped),
            )
            % {"count": len(report.skipped)},
        )
    name = slugify(site.site_name or site.hostname) or "site"
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}-{language}.zip"'
    return response
