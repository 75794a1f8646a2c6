"""The site search on a large network: its query can use the GIN index on ``title || body``
(search/migrations/0001), and it reads only the most relevant pages.

On a test database of a few pages the planner prefers reading the table or looking entries up one
by one, so both are turned off for the EXPLAIN, which then shows whether the index can serve the
query at all."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db


def test_the_search_query_can_be_answered_from_the_title_and_body_index(network, get):
    with CaptureQueriesContext(connection) as queries:
        assert get("nmrk", "/en/search/?q=museum").status_code == 200
    searches = [query["sql"] for query in queries if "@@" in query["sql"]]
    assert searches, "the search ran no full-text query"

    with transaction.atomic(), connection.cursor() as cursor:
        for plan_kind in ("seqscan", "indexscan", "nestloop"):
            cursor.execute(f"SET LOCAL enable_{plan_kind} = off")
        cursor.execute("EXPLAIN " + searches[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan, plan


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
