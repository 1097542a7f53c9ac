import itertools
import json
import os
from urllib.parse import urlsplit

from stagecheck import learner_traceback, check, fail, load, read_file, remove

# The learner may have tried the app in their folder: start without its data.
remove("notes.json", "saved-notes.json", "shared-notes.json", "restart-notes.json", "never-written.json")

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



def client_on(path):
    module = load("app")
    app = module.create_app({"TESTING": True, "NOTES_FILE": path})
    if not hasattr(app, "test_client"):
        fail(f"create_app({{'NOTES_FILE': {path!r}}}) returned {app!r}, not a Flask app.")
    return app.test_client()


def titles(client):
    sent, response = send(client, "GET", "/notes")
    data = json_of(sent, response)
    return [note.get("title") if isinstance(note, dict) else note for note in data]


@check("notes are saved to the file named by NOTES_FILE")
def _():
    client = client_on("saved-notes.json")
    send(client, "POST", "/notes", {"title": "keep me"}, status=201)
    if not os.path.isfile("saved-notes.json"):
        fail("Made an app with NOTES_FILE set to saved-notes.json and sent POST /notes with the note 'keep me'\n"
             "Expected: the app writes saved-notes.json\nGot: no saved-notes.json in the folder")
    text = read_file("saved-notes.json")
    try:
        json.loads(text)
    except ValueError as problem:
        fail(f"After a POST /notes with NOTES_FILE set to saved-notes.json\n"
             f"Expected: saved-notes.json to hold JSON\nGot ({problem}):\n{text[:600]}")
    if "keep me" not in text:
        fail("After a POST /notes of the note 'keep me' with NOTES_FILE set to saved-notes.json\n"
             f"Expected: the file to hold that note\nGot:\n{text[:600]}")
    if os.path.exists("notes.json"):
        fail("With NOTES_FILE set to saved-notes.json, the app also wrote notes.json: "
             "read the file's name from app.config[\"NOTES_FILE\"].")


@check("a new app on the same file sees the notes")
def _():
    first = client_on("shared-notes.json")
    for title in ["one", "two", "three"]:
        send(first, "POST", "/notes", {"title": title}, status=201)
    send(first, "PUT", "/notes/2", {"title": "two, edited"})
    send(first, "DELETE", "/notes/3", status=204)
    got = titles(client_on("shared-notes.json"))
    if got != ["one", "two, edited"]:
        fail("Added one, two, three with one app, edited note 2 and deleted note 3, then made a new app "
             "with the same NOTES_FILE and sent GET /notes\n"
             f"Expected the titles ['one', 'two, edited']\nGot: {got}")


@check("after a restart, new notes still get new ids")
def _():
    first = client_on("restart-notes.json")
    send(first, "POST", "/notes", {"title": "one"}, status=201)
    send(first, "POST", "/notes", {"title": "two"}, status=201)
    send(first, "DELETE", "/notes/2", status=204)
    sent, response = send(client_on("restart-notes.json"), "POST", "/notes", {"title": "three"}, status=201)
    data = json_of(sent, response)
    if data.get("id") != 3:
        fail("Added notes 1 and 2, deleted note 2, then made a new app on the same file and\n"
             f"{sent}\nExpected: the id 3 (2 belonged to a deleted note)\nGot: {json.dumps(data)}")


@check("a NOTES_FILE that does not exist yet means no notes")
def _():
    got = titles(client_on("never-written.json"))
    if got != []:
        fail(f"With NOTES_FILE set to a file that does not exist, sent GET /notes\nExpected: []\nGot the titles {got}")
