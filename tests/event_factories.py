"""Factories for partners, events and news, and a helper that gives a museum its sections."""

import datetime

import factory
import wagtail_factories

from events.models import (
    ConferencePage,
    CraftsFairPage,
    EventIndexPage,
    EventPartner,
    ExhibitionPage,
    ExhibitionVenue,
    FairExhibitor,
    PartnerIndexPage,
)
from museums.models import Agreement, Partner
from news.models import NewsIndexPage, NewsPage, NewsPageTopic, Topic
from tests.factories import locale


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner institution {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = "museum"
    country = "RU"
    city = "Saint Petersburg"
    description = "A museum we work with."
    locale = factory.LazyFunction(lambda: locale("en"))
    live = True

    class Meta:
        model = Partner


class AgreementFactory(factory.django.DjangoModelFactory):
    """A live English agreement; ``museum`` must be given (the museums come from ``build_network``)."""

    partner = factory.SubFactory(PartnerFactory)
    kind = "cooperation_agreement"
    title = "Agreement on cooperation"
    signed_on = datetime.date(2014, 1, 1)
    signed_precision = "year"
    locale = factory.LazyFunction(lambda: locale("en"))
    live = True

    class Meta:
        model = Agreement


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = EventIndexPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partners"
    slug = "partners"

    class Meta:
        model = PartnerIndexPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    summary = "Something worth seeing."
    start_date = datetime.date(2019, 3, 1)
    start_precision = "day"
    body = []

    class Meta:
        abstract = True


class ExhibitionPageFactory(EventPageFactory):
    title = factory.Sequence(lambda n: f"Exhibition {n}")

    class Meta:
        model = ExhibitionPage


class ConferencePageFactory(EventPageFactory):
    title = factory.Sequence(lambda n: f"Conference {n}")
    conference_kind = "seminar"

    class Meta:
        model = ConferencePage


class CraftsFairPageFactory(EventPageFactory):
    title = factory.Sequence(lambda n: f"Crafts fair {n}")
    participating_countries = factory.LazyFunction(lambda: ["KG", "TJ"])

    class Meta:
        model = CraftsFairPage


class ExhibitionVenueFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ExhibitionPageFactory)
    city = "Minsk"
    country = "BY"
    start_date = datetime.date(2018, 1, 1)
    start_precision = "year"
    locale = factory.SelfAttribute("page.locale")

    class Meta:
        model = ExhibitionVenue


class EventPartnerFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ExhibitionPageFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = "partner"
    locale = factory.SelfAttribute("page.locale")

    class Meta:
        model = EventPartner


class FairExhibitorFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CraftsFairPageFactory)
    name = "Felt workshop"
    country = "KG"
    craft = "Felt making"
    locale = factory.SelfAttribute("page.locale")

    class Meta:
        model = FairExhibitor


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    date = datetime.date(2019, 5, 1)
    summary = "What happened."
    body = []

    class Meta:
        model = NewsPage


class TopicFactory(factory.django.DjangoModelFactory):
    """A live English news topic."""

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(lambda: locale("en"))
    live = True

    class Meta:
        model = Topic


class NewsPageTopicFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(NewsPageFactory)
    topic = factory.SubFactory(TopicFactory)
    locale = factory.SelfAttribute("page.locale")

    class Meta:
        model = NewsPageTopic
