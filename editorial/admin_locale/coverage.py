"""How much of what the screens use the Kazakh catalogue answers (manage.py admin_translation_coverage)."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from .catalogue import Key, is_translated, recording_lookups, runtime_catalogue, used_in, wagtail_strings
from .screens import MESSAGE_SOURCES, SCREEN_GROUPS, SCRIPT_METHOD, SCRIPT_SOURCES, Content, create_content


@dataclass
class GroupCoverage:
    """The Wagtail msgids one screen group uses, and those of them the Kazakh catalogue answers."""

    name: str
    method: str
    used: set[Key]
    translated: set[Key]

    @property
    def missing(self) -> set[Key]:
        return self.used - self.translated

    @property
    def percent(self) -> float:
        return 100.0 * len(self.translated) / len(self.used) if self.used else 100.0


def render_screens(content: Content) -> dict[str, set[Key]]:
    """GET every screen of every group; return the Wagtail msgids each group looked up.

    A screen that does not answer 200 is an error: a coverage figure of screens that were never
    shown would be a guess.
    """
    reference = wagtail_strings("django")
    editor = Client(headers={"host": "localhost"})
    editor.force_login(content.user)
    anonymous = Client(headers={"host": "localhost"})
    used, failures = {}, []
    for group in SCREEN_GROUPS:
        client = anonymous if group.anonymous else editor
        with recording_lookups() as seen:
            for url in group.urls(content):
                response = client.get(url, follow=True)
                if response.status_code != 200:
                    failures.append(f"{url} answered {response.status_code}")
        used[group.name] = {key for key in seen if key in reference}
    if failures:
        raise RuntimeError("Screens that could not be measured: " + "; ".join(failures))
    return used


def measure_coverage(content: Content | None = None) -> list[GroupCoverage]:
    """Coverage per screen group, rendering the screens in the current database."""
    content = content or create_content()
    catalogue = runtime_catalogue("django")
    reference = wagtail_strings("django")

    def coverage(name, method, used, catalogue=catalogue, reference=reference):
        translated = {key for key in used if is_translated(key, catalogue, bool(reference[key].plural))}
        return GroupCoverage(name, method, used, translated)

    groups = [coverage(name, "rendered", used) for name, used in render_screens(content).items()]
    groups.append(coverage("Messages and e-mails", "listed modules", used_in(MESSAGE_SOURCES)))
    script_reference = wagtail_strings("djangojs")
    groups.append(
        coverage(
            "Admin JavaScript",
            SCRIPT_METHOD,
            used_in(SCRIPT_SOURCES, "djangojs"),
            runtime_catalogue("djangojs"),
            script_reference,
        )
    )
    return groups


def total(groups: list[GroupCoverage]) -> tuple[int, int, float]:
    """(strings, translated, percent) over all groups, each string counted once.

    The Python groups share one catalogue, so a msgid two screens use counts once; the JavaScript
    strings come from another catalogue and are counted on their own.
    """
    used = translated = 0
    for script in (False, True):
        chosen = [group for group in groups if (group.method == SCRIPT_METHOD) == script]
        used += len(set().union(*(group.used for group in chosen)))
        translated += len(set().union(*(group.translated for group in chosen)))
    return used, translated, 100.0 * translated / used if used else 100.0
