import itertools
import json
from urllib.parse import urlsplit

from stagecheck import learner_traceback, check, fail, load, remove

# The learner may have tried the app in their folder: start without its data.
remove("notes.json")

_files = itertools.count(1)


def new_client(module=None):
    """A test client for a fresh app with its own notes file (from `module`,
    or from app.py imported afresh)."""
    module = module or load("app")
    if not callable(getattr(module, "create_app", None)):
        fail("The brief asks for a function create_app(test_config=None) in app.py, but there is none.")
    config = {"TESTING": True, "NOTES_FILE": f"check-notes-{next(_files)}.json"}
    app = module.create_app(config)
    if not hasattr(app, "test_client"):
        fail(f"create_app({config!r}) returned {app!r}, not a Flask app.")
    return app.test_client()


def send(client, method, url, body=None, status=200):
    """Sends one request and fails unless it is answered with `status`."""
    sent = f"Sent: {method} {url}" + ("" if body is None else f" with the JSON body {json.dumps(body)}")
    try:
        response = client.open(url, method=method, json=body)
    except Exception as error:
        fail(f"{sent}\nYour app raised an error:\n" + learner_traceback(error))
    if response.status_code != status:
        fail(f"{sent}\nExpected: status {status}\nGot: status {response.status_code} with this body:\n"
             + (response.get_data(as_text=True)[:600] or "(nothing)"))
    return sent, response


def json_of(sent, response):
    data = response.get_json(silent=True)
    if data is None:
        fail(f"{sent}\nExpected: a JSON body (Content-Type application/json)\n"
             f"Got: {response.content_type!r} with this body:\n" + (response.get_data(as_text=True)[:600] or "(nothing)"))
    return data


@check("GET /notes answers 200 with an empty JSON list at first")
def _():
    client = new_client()
    sent, response = send(client, "GET", "/notes")
    data = json_of(sent, response)
    if data != []:
        fail(f"{sent} (to a new app)\nExpected: []\nGot: {json.dumps(data)}")


@check("POST /notes answers 201 with the new note and a Location header")
def _():
    client = new_client()
    body = {"title": "Buy milk", "body": "two litres"}
    sent, response = send(client, "POST", "/notes", body, status=201)
    data = json_of(sent, response)
    want = {"id": 1, "title": "Buy milk", "body": "two litres"}
    if data != want:
        fail(f"{sent}\nExpected: {json.dumps(want)}\nGot: {json.dumps(data)}")
    location = response.headers.get("Location")
    if location is None or urlsplit(location).path != "/notes/1":
        fail(f"{sent}\nExpected: a Location header ending in /notes/1\nGot: {location!r}")


@check("a note without a body gets an empty body, and ids count up")
def _():
    client = new_client()
    send(client, "POST", "/notes", {"title": "first"}, status=201)
    sent, response = send(client, "POST", "/notes", {"title": "second"}, status=201)
    data = json_of(sent, response)
    want = {"id": 2, "title": "second", "body": ""}
    if data != want:
        fail(f"After one note, {sent}\nExpected: {json.dumps(want)}\nGot: {json.dumps(data)}")


@check("GET /notes lists the notes in the order they were added")
def _():
    client = new_client()
    for title in ["alpha", "beta", "gamma"]:
        send(client, "POST", "/notes", {"title": title, "body": title.upper()}, status=201)
    sent, response = send(client, "GET", "/notes")
    data = json_of(sent, response)
    want = [{"id": n, "title": t, "body": t.upper()} for n, t in enumerate(["alpha", "beta", "gamma"], start=1)]
    if data != want:
        fail(f"After adding alpha, beta and gamma, {sent}\nExpected: {json.dumps(want)}\nGot: {json.dumps(data)}")


@check("each app from create_app() starts with no notes")
def _():
    module = load("app")
    send(new_client(module), "POST", "/notes", {"title": "only in the first app"}, status=201)
    sent, response = send(new_client(module), "GET", "/notes")
    data = json_of(sent, response)
    if data != []:
        fail(f"Added a note with one app, then {sent} to a second app made by create_app() "
             f"with its own NOTES_FILE\nExpected: []\nGot: {json.dumps(data)}\n"
             "Keep the notes per app (create the store inside create_app), not in a module-level variable.")
