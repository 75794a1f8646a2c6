from .base import IMAGE_SYNCHRONISED, BasePage, PageImageMixin, RoutablePage, SectionPage, image_panel
from .home_page import HomePage
from .standard_page import StandardPage
from .visit_page import VisitPage

__all__ = [
    "IMAGE_SYNCHRONISED",
    "BasePage",
    "HomePage",
    "PageImageMixin",
    "RoutablePage",
    "SectionPage",
    "StandardPage",
    "VisitPage",
    "image_panel",
]
