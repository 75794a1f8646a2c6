"""Bulk insertion of pages for the benchmark's generator (``bench/generate.py`` says why bulk).

Pages are placed in Wagtail's tree by hand (``Tree``: treebeard's materialised paths, in order after
each parent's last child), inserted table by table (``insert_pages``), given their inline rows and
written to the search index, a batch per transaction (``Batch``).
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import F

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

# Rows per INSERT statement: well under PostgreSQL's limit of 65,535 parameters for any table here.
ROWS_PER_INSERT = 500


def encode_step(step):
    """A treebeard path step (``Page.alphabet``, ``Page.steplen`` characters) for the number ``step``."""
    alphabet, digits = Page.alphabet, ""
    while step:
        step, rest = divmod(step, len(alphabet))
        digits = alphabet[rest] + digits
    return digits.rjust(Page.steplen, alphabet[0])


def decode_step(path):
    number = 0
    for character in path[-Page.steplen :]:
        number = number * len(Page.alphabet) + Page.alphabet.index(character)
    return number


class Tree:
    """Hands out the tree positions of new children, in order after each parent's last child, and
    records how many each parent gained, for its ``numchild`` (``commit``)."""

    def __init__(self):
        self.last_step = {}
        self.added = defaultdict(int)

    def place(self, parent, page):
        if parent.pk not in self.last_step:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.last_step[parent.pk] = decode_step(last) if last else 0
        self.last_step[parent.pk] += 1
        page.path = parent.path + encode_step(self.last_step[parent.pk])
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        self.added[parent.pk] += 1

    def commit(self):
        for parent_pk, count in self.added.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
        self.added.clear()


def insert_pages(pages):
    """Insert pages of any page types in bulk, their tree positions already set (``Tree``).

    Django's ``bulk_create`` refuses models with multi-table inheritance, and every page type is one
    (an exhibition has a row in wagtailcore_page, events_eventpage and events_exhibitionpage). So the
    ``Page`` rows go in through ``bulk_create`` on ``Page``, which returns their ids, and each further
    table gets its own columns for the whole batch, as ``Model.save()`` does per table for one object.
    """
    Page.objects.bulk_create(pages, batch_size=ROWS_PER_INSERT)
    tables = defaultdict(list)
    for page in pages:
        model = type(page)
        for table in (*model._meta.get_parent_list(), model):
            if table is Page:
                continue
            for link in table._meta.parents.values():
                setattr(page, link.attname, page.id)
            tables[table].append(page)
    # Parents before children: each table's key points to its parent's row.
    for table in sorted(tables, key=lambda model: len(model._meta.get_parent_list())):
        rows = tables[table]
        for start in range(0, len(rows), ROWS_PER_INSERT):
            table._base_manager._insert(
                rows[start : start + ROWS_PER_INSERT], fields=table._meta.local_concrete_fields
            )


def index_pages(pages):
    """Write the search index entries of ``pages`` (what Wagtail's save signal would do one by one)."""
    backend = get_search_backend()
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, objects in by_model.items():
        backend.add_bulk(model, objects)


class Batch:
    """Pages with their inline rows, saved together in one transaction."""

    def __init__(self, tree):
        self.tree = tree
        self.items = []

    def add(self, parent, page, rows=()):
        self.tree.place(parent, page)
        self.items.append((page, list(rows)))

    def __len__(self):
        return len(self.items)

    def save(self):
        if not self.items:
            return
        pages = [page for page, _rows in self.items]
        with transaction.atomic():
            insert_pages(pages)
            by_model = defaultdict(list)
            for page, rows in self.items:
                for row in rows:
                    row.page_id = page.id
                    by_model[type(row)].append(row)
            for model, rows in by_model.items():
                model.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
            self.tree.commit()
            index_pages(pages)
        self.items = []
