"""Countries by ISO 3166-1 code, named in the visitor's language from Babel's CLDR data.

Django's own country lists have no Kazakh names; CLDR has them for kk, ru and en, corrected by a short
reviewed table (``OVERRIDES``). Only the code is
stored, so a country is synchronised across translations and named at display time.
"""

from functools import cache

from django.db import models
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from babel import Locale

# Where Kazakhstan's official usage names a country differently from CLDR, per language. Reviewed
# against the names the museums' own texts use; keep the prose and this table in step
# (docs/terminology.md lists them). Everything else is CLDR's.
OVERRIDES = {
    "kk": {
        "EG": "Египет",  # CLDR «Мысыр»; official Kazakh texts write «Египет Араб Республикасы»
        "HK": "Гонконг",  # CLDR «Сянган АӘА»
        "KR": "Корея Республикасы",  # CLDR «Оңтүстік Корея»
        "AU": "Австралия",  # CLDR «Аустралия»
    },
    "ru": {
        "KG": "Кыргызстан",  # CLDR «Киргизия»; Kazakhstan's Russian uses the state's own name
        "HK": "Гонконг",  # CLDR «Гонконг (САР)»
        "US": "США",  # CLDR «Соединенные Штаты»
    },
    "en": {
        "KR": "Republic of Korea",  # CLDR "South Korea"
        "HK": "Hong Kong",  # CLDR "Hong Kong SAR China"
    },
}

# Codes CLDR lists that are not countries (continents, "Unknown region", ...) are numeric or special.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


@cache
def _names(language):
    territories = Locale.parse(language).territories
    countries = {code for code in territories if code.isalpha() and code not in _NOT_COUNTRIES}
    return {code: territories[code] for code in countries} | OVERRIDES.get(language, {})


def country_name(code, language=None):
    if not code:
        return ""
    language = language or translation.get_language() or "en"
    return _names(language).get(code.upper(), code)


_lazy_name = lazy(country_name, str)


def country_choices():
    """Every country code with a name that follows the active language when displayed."""
    return sorted(((code, _lazy_name(code)) for code in _names("en")), key=lambda item: _names("en")[item[0]])


class CountryField(models.CharField):
    """An ISO 3166-1 alpha-2 country code, chosen from a list named in the editor's language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("verbose_name", _("country"))
        kwargs["choices"] = country_choices
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The list comes from CLDR at run time; migrations need not change when CLDR does.
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, path, args, kwargs
