from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from museums.models import Museum, Partner
from museums.usage import pages_using


class MuseumViewSet(SnippetViewSet):
    model = Museum
    icon = "home"
    menu_label = _("Museums")
    list_display = ["name", "short_name", "city", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name", "city"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "kind", "country_name", "city", "locale"]
    list_filter = ["kind", "country", "locale"]
    list_per_page = 50


class MuseumNetworkGroup(SnippetViewSetGroup):
    """The records the museums of the network share."""

    items = (MuseumViewSet, PartnerViewSet)
    menu_icon = "site"
    menu_label = _("Museum network")
    menu_name = "museum-network"


register_snippet(MuseumNetworkGroup)


@hooks.register("before_delete_snippet")
def refuse_to_delete_partners_in_use(request, instances):
    """A partner that pages still name is not deleted; the editor is told which pages."""
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
    return None
