"""Links from other pages to the forms: a conference to its registration, a fair to its exhibitor
application, the visit page to the contact form; always the live version in the page's language."""

from django import template

from submissions.models import ContactFormPage, FormPage

register = template.Library()


@register.simple_tag
def child_form(page):
    """``{% child_form page as form_page %}``: the live form directly under ``page`` while it takes
    submissions, or ``None``."""
    form_page = FormPage.objects.child_of(page).live().public().specific().first()
    return form_page if form_page is not None and form_page.is_open(event=page) else None


@register.simple_tag
def contact_form(page):
    """``{% contact_form page as form_page %}``: the live contact form beside ``page`` (under the
    same home page, so in the same language), or ``None``."""
    return ContactFormPage.objects.sibling_of(page, inclusive=False).live().public().first()
