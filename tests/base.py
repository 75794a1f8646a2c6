from django.contrib.auth import get_user_model

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from tests.factories import HomePageFactory


class AdminPageTestCase(WagtailPageTestCase):
    """A home page served at the test client's own host, and a logged-in administrator."""

    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=cls.root)
        Site.objects.create(hostname="testserver", port=80, root_page=cls.home)
        cls.user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.user)
