from .base import EventPage, EventPartner, EventStatus, PartnerRole, VenueKind
from .conference import ConferenceKind, ConferencePage
from .crafts_fair import CraftsFairPage, FairExhibitor
from .exhibition import ExhibitionPage, ExhibitionVenue, VenueStatus
from .index import EventIndexPage
from .partners import PartnerIndexPage

__all__ = [
    "ConferenceKind",
    "ConferencePage",
    "CraftsFairPage",
    "EventIndexPage",
    "EventPage",
    "EventPartner",
    "EventStatus",
    "ExhibitionPage",
    "ExhibitionVenue",
    "FairExhibitor",
    "PartnerIndexPage",
    "PartnerRole",
    "VenueKind",
    "VenueStatus",
]
