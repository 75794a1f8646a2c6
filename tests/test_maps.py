"""Maps drawn without a tile server (``museums.maps``): the data, the projection, the tour's map and
timeline, the visit page's map, and the coordinates editors enter."""

import datetime
import xml.etree.ElementTree as ET

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from events.models import ExhibitionPage
from home.models import VisitPage
from museums.countries import country_name
from museums.maps import BBox, Marker, Projection, country_bbox, has_country, openstreetmap_url, render_map
from museums.models import Museum
from tests.base import AdminPageTestCase
from tests.event_factories import EventIndexPageFactory, ExhibitionPageFactory, ExhibitionVenueFactory
from tests.factories import translate_page
from tests.test_admin import museum_form
from tests.test_events import event_form

SVG = "{http://www.w3.org/2000/svg}"
ASTANA = (71.4307, 51.1282)  # lon, lat


def parse(svg):
    return ET.fromstring(str(svg))


def classes(element):
    return set(element.get("class", "").split())


def test_the_world_data_has_kazakhstan_where_it_is():
    assert has_country("KZ") and has_country("RU") and not has_country("AQ")
    box = country_bbox("KZ")
    assert 45 < box.west < 48 and 86 < box.east < 89 and 40 < box.south < 42 and 55 < box.north < 56.5
    assert box.contains(*ASTANA)


def test_the_projection_maps_a_known_point_inside_the_viewbox():
    region = country_bbox("KZ").expanded(0.1)
    project = Projection(region)
    x, y = project(*ASTANA)
    assert 0 < x < project.width and 0 < y < project.height
    # Astana is in the north-east of the country: right of the middle, above it.
    assert x > project.width / 2 and y < project.height / 2
    assert project(region.west, region.north) == (0, 0)
    assert project(region.east, region.south) == pytest.approx((project.width, project.height), abs=0.05)
    assert project.viewbox == f"0 0 {project.width} {project.height:g}"
    assert project(30, 51)[0] < 0  # Kyiv is off the map, to the west


def test_the_svg_is_accessible_scales_and_names_no_colour():
    svg = render_map(
        bbox=BBox(60, 40, 80, 55),
        title="A <title>",
        description="Where & why",
        highlights={"KZ": "home"},
        markers=[Marker(*ASTANA, "Astana", "museum"), Marker(10, 10, "Off the map")],
        id_prefix="m",
    )
    root = parse(svg)
    assert root.get("role") == "img" and root.get("width") == "100%" and root.get("viewBox")
    assert root.get("aria-labelledby") == "m-title" and root.get("aria-describedby") == "m-desc"
    assert root.find(f"{SVG}title").text == "A <title>" and root.find(f"{SVG}title").get("id") == "m-title"
    assert root.find(f"{SVG}desc").text == "Where & why"
    markers = [g for g in root.iter(f"{SVG}g") if "map__marker" in classes(g)]
    assert [g.find(f"{SVG}title").text for g in markers] == ["Astana"]
    assert [text.text for text in root.iter(f"{SVG}text")] == ["Astana"]
    assert "fill:" not in str(svg) and "#" not in str(svg).replace("url(#m-hatch)", "")


def test_an_openstreetmap_link_centres_on_the_place():
    assert openstreetmap_url(51.1208, 71.47) == (
        "https://www.openstreetmap.org/?mlat=51.1208&mlon=71.47#map=17/51.1208/71.47"
    )


@pytest.fixture
def tour(network, db):
    index = EventIndexPageFactory(parent=network["nmrk"]["home"]["en"])
    page = ExhibitionPageFactory(parent=index, slug="tour", is_travelling=True, venue_kind="tour")
    for city, country, year, lat, lon in [
        ("Minsk", "BY", 2018, 53.90, 27.57),
        ("Seoul", "KR", 2018, 37.57, 126.98),
        ("Kazan", "RU", 2019, 55.79, 49.12),
        ("Kuala Lumpur", "MY", 2019, 3.15, 101.69),
    ]:
        ExhibitionVenueFactory(
            page=page,
            city=city,
            country=country,
            start_date=datetime.date(year, 1, 1),
            latitude=lat,
            longitude=lon,
        )
    ExhibitionVenueFactory(page=page, city="Ankara", country="TR", start_date=datetime.date(2019, 1, 1))
    ExhibitionVenueFactory(page=page, city="", country="IN", start_date=None, status="planned")
    ExhibitionVenueFactory(page=page, city="", country="US", start_date=None, status="planned")
    return ExhibitionPage.objects.get(pk=page.pk)


def countries(root, kind):
    return {
        path.get("data-country")
        for path in root.iter(f"{SVG}path")
        if f"map__country--{kind}" in classes(path)
    }


def test_the_tour_map_marks_each_held_venue_and_tints_the_countries(tour):
    with translation.override("en"):
        tour_map = tour.tour_map()
    root = parse(tour_map["svg"])
    markers = [g for g in root.iter(f"{SVG}g") if "map__marker--held" in classes(g)]
    # Ankara has no coordinates: no marker, but Türkiye is tinted.
    assert sorted(g.find(f"{SVG}title").text for g in markers) == ["Kazan", "Kuala Lumpur", "Minsk", "Seoul"]
    assert countries(root, "held") == {"BY", "KR", "MY", "RU", "TR"}
    # The map is fitted to the markers: India reaches into it, the United States do not and are named.
    assert countries(root, "planned") == {"IN"}
    assert tour_map["outside"] == "United States"
    assert [key for key, _label in tour_map["legend"]] == ["marker-held", "country-held", "country-planned"]
    points = [(27.57, 53.90), (126.98, 37.57), (49.12, 55.79), (101.69, 3.15)]
    project = Projection(BBox.around(points).expanded(0.1))
    assert root.get("viewBox") == project.viewbox


@pytest.mark.parametrize(
    ("language", "korea"),
    [("kk", "Корея Республикасы"), ("ru", "Республика Корея"), ("en", "Republic of Korea")],
)
def test_the_tour_maps_title_and_description_are_in_the_pages_language(tour, language, korea):
    with translation.override(language):
        root = parse(tour.tour_map()["svg"])
        assert root.find(f"{SVG}title").text == translation.gettext("Map of the tour")
        desc = root.find(f"{SVG}desc").text
        assert f"Seoul ({korea})" in desc and country_name("IN") in desc and country_name("US") in desc
        assert desc.startswith(translation.gettext("Shown in: %(places)s.").split("%")[0])


def test_the_map_and_timeline_cost_no_query(tour, django_assert_num_queries):
    with translation.override("en"):
        tour.tour()  # the venues, read once per language for the whole page
        with django_assert_num_queries(0):
            tour.tour_map()
            timeline = tour.tour_timeline()
        assert [(str(group["heading"]), group["places"], group["dated"]) for group in timeline] == [
            ("2018", ["Minsk", "Seoul"], True),
            ("2019", ["Kazan", "Kuala Lumpur", "Ankara"], True),
            ("Planned", ["India", "United States"], False),
        ]


def test_the_tour_page_shows_the_map_the_legend_and_the_timeline(tour, get):
    html = get("nmrk", "/en/events/tour/").content.decode()
    section = html.split('class="tour"')[1]
    assert section.count('role="img"') == 1
    assert "Country where it is planned" in section and "Outside this map: United States." in section
    assert '<a class="timeline__heading" href="#tour-1">2018</a>' in section
    assert '<h3 class="tour__year" id="tour-1">2018</h3>' in section


def test_the_tour_page_costs_no_more_queries_with_its_map(tour, get):
    get("nmrk", "/en/events/tour/")  # warm the caches (site root paths, settings)
    with CaptureQueriesContext(connection) as with_map:
        get("nmrk", "/en/events/tour/")
    tour.venues.update(latitude=None, longitude=None)
    with CaptureQueriesContext(connection) as without:
        html = get("nmrk", "/en/events/tour/").content.decode()
    assert 'class="map' in html  # the countries alone still make a map
    assert len(with_map) == len(without)


@pytest.fixture
def visit(network, db):
    page = VisitPage(title="Visit", slug="visit", intro="")
    network["nmrk"]["home"]["en"].add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("language", "kazakhstan"), [("en", "Kazakhstan"), ("ru", "Казахстан"), ("kk", "Қазақстан")]
)
def test_the_visit_page_shows_the_museum_on_a_map_only_with_coordinates(
    visit, network, get, language, kazakhstan
):
    if language != "en":
        translate_page(visit, language, title=f"Visit ({language})")
    html = get("nmrk", f"/{language}/visit/").content.decode()
    assert 'role="img"' not in html and "openstreetmap.org" not in html

    for museum in Museum.objects.filter(code="nmrk"):
        museum.latitude, museum.longitude = 51.1208, 71.47
        museum.save()
    html = get("nmrk", f"/{language}/visit/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = parse(svg)
    assert countries(root, "home") == {"KZ"}
    [marker] = [g for g in root.iter(f"{SVG}g") if "map__marker" in classes(g)]
    assert kazakhstan in root.find(f"{SVG}desc").text
    [label] = root.iter(f"{SVG}text")
    assert label.text == marker.find(f"{SVG}title").text == "Astana"  # the city, shown and named
    assert 'href="https://www.openstreetmap.org/?mlat=51.1208&amp;mlon=71.47#map=17/51.1208/71.47"' in html
    assert "<iframe" not in html


@pytest.mark.django_db
def test_a_latitude_out_of_range_is_a_form_error_on_the_museum(client, network):
    user = get_user_model().objects.create_superuser("mapper", "mapper@example.org", "pw")
    client.force_login(user)
    response = client.post(
        "/admin/snippets/museums/museum/add/?locale=en",
        museum_form(code="steppe3", latitude="91", longitude="71.43"),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"latitude"}
    assert not Museum.objects.filter(code="steppe3").exists()

    response = client.post(
        "/admin/snippets/museums/museum/add/?locale=en", museum_form(code="steppe4", latitude="51.13")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"longitude"}  # both or neither


class VenueCoordinatesTests(AdminPageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = EventIndexPageFactory(parent=cls.home)

    def post(self, **venue):
        form = event_form(
            is_travelling="on",
            curators="",
            highlights=rich_text(""),
            gallery=streamfield([]),
            venues=inline_formset(
                [
                    {
                        "city": "Minsk",
                        "country": "BY",
                        "start_date": "2018-01-01",
                        "start_precision": "year",
                        "status": "held",
                        "note": "",
                        **venue,
                    }
                ]
            ),
        )
        return self.client.post(
            f"/admin/pages/add/events/exhibitionpage/{self.index.pk}/", nested_form_data(form)
        )

    def test_a_latitude_of_91_is_a_form_error_not_a_500(self):
        response = self.post(latitude="91", longitude="27.57")
        assert response.status_code == 200
        venue_form = response.context["form"].formsets["venues"].forms[0]
        assert set(venue_form.errors) == {"latitude"}
        assert not ExhibitionPage.objects.filter(slug="great-steppe").exists()

    def test_coordinates_are_saved(self):
        response = self.post(latitude="53.9", longitude="27.57")
        assert response.status_code == 302
        venue = ExhibitionPage.objects.get(slug="great-steppe").venues.get()
        assert (venue.latitude, venue.longitude) == (53.9, 27.57)
