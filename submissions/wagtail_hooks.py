from django.db.models import Q

from wagtail import hooks
from wagtail.models import Page, Site

from editorial.roles import is_network_admin, museum_codes_by_site, museum_codes_of_user


@hooks.register("filter_form_submissions_for_user")
def submissions_of_own_museum(user, form_pages):
    """What visitors send is personal data: only the museum's own editors and moderators (and the
    network's administrators) read and export it.

    Wagtail lists the forms of every page a user may change, which already keeps one museum's
    editors out of the other's; translators, who may change the Kazakh and Russian pages of both
    sites, would see both museums' submissions too, so they see a museum's only as its editors.
    """
    if is_network_admin(user):
        return form_pages
    codes = museum_codes_of_user(user)
    site_ids = [site_id for site_id, code in museum_codes_by_site().items() if code in codes]
    roots = Page.objects.filter(
        translation_key__in=Site.objects.filter(pk__in=site_ids).values("root_page__translation_key")
    )
    paths = Q()
    for path in roots.values_list("path", flat=True):
        paths |= Q(path__startswith=path)
    return form_pages.filter(paths) if paths else form_pages.none()
