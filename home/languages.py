"""A page's versions in the three languages: what the language switcher, the ``hreflang`` links of
every page's head and the sitemap (``home.sitemaps``) name, computed in one place so that they agree.

A version is the same page in another language, never a stand-in: a language the page is not
published in is left out (docs/translation-policy.md). Privacy needs no rule of its own here: a
translation group shares one (``home.privacy``), so the live versions of a public page are public.
"""

from django.conf import settings

from wagtail.models import Site

# Each language named in itself, so a visitor finds their own whatever page they are on.
LANGUAGE_AUTONYMS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


class LanguageVersions(list):
    """The versions (kk, ru, en order) of the page shown, plus what ``<head>`` needs beside them.

    Each entry is a dict: ``code``, ``name`` (the autonym), ``url`` (for the switcher, with the
    listing's query string), ``full_url`` (absolute, for ``hreflang``) and ``is_current``.

    - ``canonical``: the absolute URL of the version shown, without a query string (a filtered
      listing is a view of its page, not a page of its own), or ``""`` when none is shown.
    - ``x_default``: for visitors whose language is none of the three. On a home page it is the bare
      ``/`` of the site, the one language-neutral address there is: it sends each visitor on by their
      cookie or ``Accept-Language`` (``home.views.choose_language``). Any other page has no neutral
      address, so it is the source-language (English) version, the one every translation is made
      from and the likeliest to be read by a visitor from abroad; ``""`` when that version is not live.
    """

    canonical = ""
    x_default = ""

    def hreflang_links(self):
        """``(hreflang, absolute URL)`` for every version, then ``x-default`` when there is one: the
        alternates of the page's head and of its sitemap entry."""
        links = [(version["code"], version["full_url"]) for version in self]
        if self.x_default:
            links.append(("x-default", self.x_default))
        return links


def live_versions(page):
    """``page``'s live translations, itself included when live, each with its locale.

    One query; none when a caller that read many pages at once (the sitemap, which reads every page
    of a site in one go) handed them over beforehand with ``remember_versions``.
    """
    versions = getattr(page, "_live_versions", None)
    if versions is None:
        versions = list(page.get_translations(inclusive=True).live().select_related("locale"))
    return versions


def remember_versions(pages, candidates):
    """Give each of ``pages`` its versions among ``candidates`` (live pages with their locales), so
    that ``live_versions`` costs no query for them."""
    groups = {}
    for candidate in candidates:
        groups.setdefault(candidate.translation_key, []).append(candidate)
    for page in pages:
        page._live_versions = groups.get(page.translation_key, [])


def versions_of(request, alternates, current, query=""):
    """``LanguageVersions`` for ``alternates``, ``(page, subpath)`` pairs one per language (a tree
    page's live versions with ``""``, or a routable page's versions with the sub-route),
    ``current`` being the page shown; ``query`` is added to the switcher's links only."""
    order = [code for code, _name in settings.LANGUAGES]
    alternates = sorted(alternates, key=lambda pair: order.index(pair[0].locale.language_code))
    versions = LanguageVersions()
    for version, subpath in alternates:
        code = version.locale.language_code
        url = version.get_url(request)
        full_url = version.get_full_url(request)
        if url is None or full_url is None:  # not routable on any site
            continue
        versions.append(
            {
                "code": code,
                "name": LANGUAGE_AUTONYMS.get(code, code),
                "url": f"{url}{subpath}{query}",
                "full_url": f"{full_url}{subpath}",
                "is_current": version.pk == current.pk,
            }
        )
    by_code = {version["code"]: version for version in versions}
    versions.canonical = next((v["full_url"] for v in versions if v["is_current"]), "")
    site = Site.find_for_request(request) if request is not None else None
    if current.depth == 2 and not any(subpath for _page, subpath in alternates) and site is not None:
        versions.x_default = f"{site.root_url}/"
    elif settings.SOURCE_LANGUAGE_CODE in by_code:
        versions.x_default = by_code[settings.SOURCE_LANGUAGE_CODE]["full_url"]
    return versions


def page_versions(request, page, query=""):
    """``LanguageVersions`` of a page of the tree (no sub-route): its live versions."""
    return versions_of(request, [(version, "") for version in live_versions(page)], page, query)
