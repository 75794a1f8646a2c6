from .base import BasePage, SectionPage
from .home_page import HomePage
from .standard_page import StandardPage
from .visit_page import VisitPage

__all__ = ["BasePage", "HomePage", "SectionPage", "StandardPage", "VisitPage"]
