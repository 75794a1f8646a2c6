"""The site search on a large network: its query can use the GIN index on ``title || body``
(search/migrations/0001), joins each match to its page by the index on the page id as text
(home/migrations/0007), and reads only the ids of the most relevant pages.

On a test database of a few pages the planner prefers other plans for the whole query, so the test
checks the two halves apart: the backend's query filters on the indexed expression, and with
sequential scans off PostgreSQL answers that expression from the index."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db


def test_the_search_query_can_be_answered_from_the_title_and_body_index(network, get):
    # The backend matches queries against the very expression the index is on...
    with CaptureQueriesContext(connection) as queries:
        assert get("nmrk", "/en/search/?q=museum").status_code == 200
    expression = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    assert any(expression in query["sql"] for query in queries), "the search ran no such query"

    # ... and the index answers that expression when reading the table is not an option.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE "
            + expression
            + " to_tsquery('simple', 'museum')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan, plan


def test_the_ranked_query_reads_only_page_ids_and_can_join_them_by_the_id_index(network, get):
    with CaptureQueriesContext(connection) as queries:
        assert get("nmrk", "/en/search/?q=museum").status_code == 200
    [ranked] = [query["sql"] for query in queries if "@@" in query["sql"]]
    # A hundred ranked hits are ids: no page's other columns, no indexed text.
    assert ranked.startswith('SELECT "wagtailcore_page"."id" AS "pk" FROM '), ranked
    join = '"wagtailsearch_indexentry"."object_id" = ("wagtailcore_page"."id")::varchar(50)'
    assert join in ranked

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM wagtailcore_page WHERE (id)::varchar(50) = '3'")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "home_page_id_text" in plan, plan


@pytest.mark.parametrize(("shown", "more"), [(2, True), (3, False)])
def test_only_the_best_pages_are_read_and_the_page_says_when_there_were_more(
    network, get, monkeypatch, shown, more
):
    from search import results
    from tests.factories import StandardPageFactory

    home = network["nmrk"]["home"]["en"]
    for number in range(3):
        StandardPageFactory(parent=home, slug=f"felt-{number}", title=f"Felt making {number}", body=[])
    monkeypatch.setattr(results, "MAX_PAGE_HITS", shown)

    response = get("nmrk", "/en/search/?q=felt")

    assert response.status_code == 200
    assert len(response.context["hits"]) == shown
    assert response.context["more_pages"] is more
    assert (f"Only the {shown} best matching pages are shown" in response.content.decode()) is more
