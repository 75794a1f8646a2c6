from .agreement import Agreement, AgreementKind
from .museum import Museum, MuseumSiteSettings
from .partner import Partner, PartnerKind

__all__ = ["Agreement", "AgreementKind", "Museum", "MuseumSiteSettings", "Partner", "PartnerKind"]
