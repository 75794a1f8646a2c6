"""At phone width the main menu folds behind a button; at desktop width it is simply there."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_menu_folds_at_phone_width_and_opens_with_its_button(live_network, browser):
    context = browser.new_context(locale="kk-KZ", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_network["url"]("nmrk", "/kk/about/"))
        toggle = page.locator(".main-menu__toggle")
        menu = page.locator("#main-menu-list")
        assert toggle.text_content() == "Мәзір"
        assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()

        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
        assert "Музей туралы" in menu.text_content()

        page.set_viewport_size({"width": 1280, "height": 800})
        assert menu.is_visible() and not toggle.is_visible()
    finally:
        context.close()
