from .museum import Museum, MuseumSiteSettings
from .partner import Partner, PartnerAgreement, PartnerKind

__all__ = ["Museum", "MuseumSiteSettings", "Partner", "PartnerAgreement", "PartnerKind"]
