from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

import django_filters

from home.admin_scope import ScopedSnippetViewSet
from museums.models import Agreement, Museum, Partner
from museums.usage import pages_using


class MuseumViewSet(ScopedSnippetViewSet):
    model = Museum
    icon = "home"
    menu_label = _("Museums")
    list_display = ["name", "short_name", "city", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name", "city"]


class PartnerViewSet(ScopedSnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "kind", "country_name", "city", "locale"]
    list_filter = ["kind", "country", "locale"]
    list_per_page = 50


def museum_choices():
    """One choice per museum (not per language version), named in the source language."""
    return [
        (str(museum.translation_key), museum.short_name)
        for museum in Museum.objects.filter(locale__language_code=settings.SOURCE_LANGUAGE_CODE)
    ]


class AgreementFilterSet(WagtailFilterSet):
    # By translation key: an agreement names one language version of its museum, the editor means
    # the museum.
    museum = django_filters.ChoiceFilter(
        label=_("signed by"), choices=museum_choices, field_name="museum__translation_key"
    )

    class Meta:
        model = Agreement
        fields = ["museum", "kind"]  # and the locale, which Wagtail adds to translatable models


class AgreementViewSet(ScopedSnippetViewSet):
    model = Agreement
    icon = "doc-full"
    menu_label = _("Agreements")
    list_display = [
        "__str__",
        "partner",
        "museum",
        "kind",
        Column("signed_display", label=_("signed on"), sort_key="signed_on"),
        "locale",
    ]
    filterset_class = AgreementFilterSet
    search_fields = ["title", "scope", "partner__name", "partner__short_name"]
    list_per_page = 50


class MuseumNetworkGroup(SnippetViewSetGroup):
    """The records the museums of the network share."""

    items = (MuseumViewSet, PartnerViewSet, AgreementViewSet)
    menu_icon = "site"
    menu_label = _("Museum network")
    menu_name = "museum-network"


register_snippet(MuseumNetworkGroup)


@hooks.register("before_delete_snippet")
def refuse_to_delete_partners_in_use(request, instances):
    """A partner that pages or agreements still name is not deleted; the editor is told which.

    Agreements protect their partner rather than vanish with it: the partner is shared, and an
    agreement belongs to the museum that signed it, whose editors alone may remove it.
    """
    if not instances or not isinstance(instances[0], Partner):
        return None
    for partner in instances:
        titles = [page.title for page in pages_using(partner)[:10]]
        if titles:
            message = ngettext(
                "“%(partner)s” cannot be deleted: the page %(pages)s uses it. "
                "Remove it from that page first.",
                "“%(partner)s” cannot be deleted: the pages %(pages)s use it. "
                "Remove it from those pages first.",
                len(titles),
            ) % {"partner": partner, "pages": ", ".join(f"“{title}”" for title in titles)}
            messages.error(request, message)
            return redirect("wagtailsnippets_museums_partner:edit", partner.pk)
        agreements = partner.agreements.count()
        if agreements:
            message = ngettext(
                "“%(partner)s” cannot be deleted: %(count)d agreement is recorded with it. "
                "The museum that signed it must delete it first.",
                "“%(partner)s” cannot be deleted: %(count)d agreements are recorded with it. "
                "The museums that signed them must delete them first.",
                agreements,
            ) % {"partner": partner, "count": agreements}
            messages.error(request, message)
            return redirect("wagtailsnippets_museums_partner:edit", partner.pk)
    return None
