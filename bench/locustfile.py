"""The load test's clients (locust), run by ``bench/load.py``: visitors reading the two museums' sites in
three languages, editors publishing news and translators saving strings in wagtail-localize's editor,
all at once against gunicorn.

The plan (``LOAD_PLAN``, a JSON file ``bench/load.py`` writes) names the addresses and the accounts;
what happened is written to ``LOAD_RESULTS`` when locust stops: every answer's status and time by
kind of page, each editor's publications and each translator's saved strings, so that the
orchestrator can check that no edit was lost. Answers are checked here as they come:

- a visitor's answer must be a 200; in the fault run (``LOAD_MODE=faults``) a 503 is allowed only as
  the site's own page in the language asked for, never a traceback;
- an editor's publish must be answered by the redirect Wagtail sends after a successful save;
- a translator's save must be a 200 or 201 from wagtail-localize's string endpoint.

Why locust's plain HTTP client with our own cookie handling: production cookies are ``Secure`` and
the loopback server speaks HTTP behind a pretend proxy (``X-Forwarded-Proto``), so a cookie jar would
never send them back; the editors' clients keep them themselves.
"""

import json
import os
import random
import re
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from pathlib import Path

import lxml.html
from locust import HttpUser, between, constant, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
FAULTS = os.environ.get("LOAD_MODE") == "faults"
PROXY = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
UNAVAILABLE = {
    "kk": "<h1>Сайт уақытша қолжетімсіз</h1>",
    "ru": "<h1>Сайт временно недоступен</h1>",
    "en": "<h1>The site is briefly unavailable</h1>",
}

record = {
    "started": time.time(),
    "answers": [],  # (seconds since start, kind, status, ms, page cache), see note()
    "published": defaultdict(list),  # page id -> titles, in order of their successful publication
    "saved": defaultdict(list),  # "translation:segment" -> values, in order of their successful save
    "problems": [],
}


def note(kind, response, started):
    """One answer: when it was asked (s since the start), its kind, status, time (ms), and whether
    the page cache answered it ("hit"), so that the fault run can tell a page served without the
    database from one served with it."""
    record["answers"].append(
        (
            round(started - record["started"], 3),
            kind,
            response.status_code,
            round((time.time() - started) * 1000, 1),
            response.headers.get("X-Page-Cache", ""),
        )
    )


def outage_answer(path, text):
    """The site's own answer while its database is down: the API's JSON, or the 503 page in the
    language of the address (Kazakh, the sites' first language, where the address names none)."""
    if path.startswith("/api/"):
        return '"service briefly unavailable"' in text
    found = re.match(r"^/(kk|ru|en)/", path)
    return UNAVAILABLE[found.group(1) if found else "kk"] in text


class Visitor(HttpUser):
    """Reads the sites as the public does: pages, listings with filters, search, feeds, the API."""

    wait_time = constant(0) if FAULTS else between(0.05, 0.3)
    urls = PLAN["visitor_urls"]
    weights = [weight for _host, _path, _kind, weight in PLAN["visitor_urls"]]

    @task
    def read(self):
        host, path, kind, _weight = random.choices(self.urls, weights=self.weights)[0]
        started = time.time()
        with self.client.get(
            path, headers={"Host": host, **PROXY}, name=kind, catch_response=True
        ) as response:
            note(kind, response, started)
            if response.status_code == 200:
                response.success()
            elif FAULTS and response.status_code == 503 and outage_answer(path, response.text):
                response.success()  # the outage page, in the visitor's language: what the fault run expects
            else:
                response.failure(f"{response.status_code} for {host}{path}")
                if len(record["problems"]) < 20:
                    record["problems"].append(f"{response.status_code} {host}{path}: {response.text[:200]}")


class StaffUser(HttpUser):
    """A member of staff in the admin: logged in once, cookies kept by hand (see the module's note)."""

    abstract = True
    wait_time = between(1, 3)
    accounts = []

    def on_start(self):
        self.account = self.accounts.pop(0)
        self.cookies = {}
        self.host_name = self.account["host"]
        page = self.call("GET", "/admin/login/", name="admin: login form")
        token = csrf_token(page.text)
        answer = self.call(
            "POST",
            "/admin/login/",
            name="admin: log in",
            data={
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": token,
            },
        )
        if answer.status_code != 302:
            raise RuntimeError(f"{self.account['username']} could not log in: {answer.status_code}")

    def call(self, method, path, name, **kwargs):
        origin = f"https://{self.host_name}"
        headers = {
            "Host": self.host_name,
            "Origin": origin,
            "Referer": f"{origin}{path}",
            **PROXY,
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        self.client.cookies.clear()
        started = time.time()
        response = self.client.request(
            method, path, headers=headers, name=name, allow_redirects=False, **kwargs
        )
        note(name, response, started)
        for header in response.raw.headers.getlist("Set-Cookie") if response.raw else []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response


def csrf_token(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


class Editor(StaffUser):
    """Edits the title of a news item of their own museum and publishes it, again and again."""

    fixed_count = len(PLAN["editors"])
    accounts = list(PLAN["editors"])

    def on_start(self):
        super().on_start()
        self.edits = 0

    @task
    def publish(self):
        page_id = self.account["page_id"]
        form_page = self.call("GET", f"/admin/pages/{page_id}/edit/", name="admin: edit form")
        if form_page.status_code != 200:
            record["problems"].append(f"edit form {page_id}: {form_page.status_code}")
            return
        self.edits += 1
        title = f"{self.account['title']} · {self.edits}"
        data = edit_form_data(form_page.text, "page-edit-form")
        data.update({"title": title, "action-publish": "action-publish"})
        answer = self.call("POST", f"/admin/pages/{page_id}/edit/", name="admin: publish", data=data)
        if answer.status_code == 302:
            record["published"][str(page_id)].append(title)
        else:
            errors = re.findall(r'class="error-message"[^>]*>\s*<span>([^<]+)', answer.text)
            record["problems"].append(f"publish {page_id}: {answer.status_code} {errors[:3]}")


class Translator(StaffUser):
    """Types translations of a page's strings in wagtail-localize's editor, each saved as typed."""

    fixed_count = len(PLAN["translators"])
    accounts = list(PLAN["translators"])

    def on_start(self):
        super().on_start()
        self.saves = 0
        editor = self.call("GET", self.account["editor_url"], name="admin: translation editor")
        self.token = self.cookies.get("csrftoken") or csrf_token(editor.text)

    @task
    def save(self):
        self.saves += 1
        segment = random.choice(self.account["segments"])
        value = f"{self.account['text']} {self.saves}"
        translation = self.account["translation_id"]
        answer = self.call(
            "PUT",
            f"/admin/localize/translate/{translation}/strings/{segment}/edit/",
            name="admin: save a translated string",
            data={"value": value},
            headers={"X-CSRFToken": self.token},
        )
        if answer.status_code in (200, 201):
            record["saved"][f"{translation}:{segment}"].append(value)
        else:
            record["problems"].append(
                f"save {translation}:{segment}: {answer.status_code} {answer.text[:200]}"
            )


def edit_form_data(html, form_id):
    """What a browser would send from Wagtail's edit form: its fields as rendered, and each StreamField
    as the inputs Wagtail's block editor writes from its ``data-w-block-arguments-value`` state."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    data = {}
    for field in form.xpath(".//input|.//textarea|.//select"):
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        kind = (field.get("type") or "").lower()
        if kind in ("checkbox", "radio"):
            if field.get("checked") is not None:
                data[name] = field.get("value") or "on"
        elif field.tag == "select":
            chosen = field.xpath("./option[@selected]") or field.xpath("./option")[:1]
            data[name] = chosen[0].get("value", "") if chosen else ""
        elif field.tag == "textarea":
            data[name] = field.text or ""
        elif kind not in ("submit", "button", "file"):
            data[name] = field.get("value") or ""
    for block in form.xpath(".//div[@data-controller='w-block']"):
        state = json.loads(block.get("data-w-block-arguments-value"))[0]
        data.update(block_inputs(block.get("id"), state))
    return data


# The state a chooser block keeps: its chosen object's id and how to show it.
CHOOSER_KEYS = {"edit_url", "editUrl", "adminTitle", "preview", "string", "title", "url"}


def block_inputs(prefix, state):
    """The inputs for one block's form state: a StreamBlock's or ListBlock's children are a list of
    ``{"type"?, "value", "id"}``, a StructBlock's a dict, a chooser's a dict with an ``id``."""
    if isinstance(state, list) and all(isinstance(item, dict) and "value" in item for item in state):
        inputs = {f"{prefix}-count": len(state)}
        for index, child in enumerate(state):
            child_prefix = f"{prefix}-{index}"
            inputs.update({f"{child_prefix}-deleted": "", f"{child_prefix}-order": index})
            inputs[f"{child_prefix}-id"] = child.get("id") or ""
            if "type" in child:
                inputs[f"{child_prefix}-type"] = child["type"]
            inputs.update(block_inputs(f"{child_prefix}-value", child["value"]))
        return inputs
    if isinstance(state, dict):
        if "id" in state and CHOOSER_KEYS & set(state):
            return {prefix: state["id"]}
        inputs = {}
        for name, value in state.items():
            inputs.update(block_inputs(f"{prefix}-{name}", value))
        return inputs
    if isinstance(state, bool):
        return {prefix: "on"} if state else {}
    return {prefix: "" if state is None else state}


@events.quitting.add_listener
def write_record(environment, **_kwargs):
    with open(os.environ["LOAD_RESULTS"], "w", encoding="utf-8") as output:
        json.dump(record, output)
