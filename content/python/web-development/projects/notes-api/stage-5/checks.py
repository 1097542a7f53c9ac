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



def with_notes(*notes):
    client = new_client()
    for title, body in notes:
        send(client, "POST", "/notes", {"title": title, "body": body}, status=201)
    return client


SHOPPING = [
    ("Buy milk", "two litres"),
    ("Call the plumber", "the kitchen tap drips"),
    ("Shopping list", "bread, MILK, eggs"),
    ("Dentist", "Tuesday at nine"),
]


def get_list(client, url, before):
    sent, response = send(client, "GET", url)
    data = json_of(sent, response)
    if not isinstance(data, list):
        fail(f"{before}{sent}\nExpected: a JSON list of notes\nGot: {json.dumps(data)}")
    return sent, response, [note.get("id") if isinstance(note, dict) else note for note in data]


ADDED = "After adding the notes " + ", ".join(repr(t) for t, _ in SHOPPING) + " (ids 1 to 4),\n"


@check("?q= keeps the notes whose title or body holds the words, any case")
def _():
    client = with_notes(*SHOPPING)
    sent, _, ids = get_list(client, "/notes?q=milk", ADDED)
    if ids != [1, 3]:
        fail(f"{ADDED}{sent}\nExpected: the notes with ids [1, 3] ('milk' in a title, 'MILK' in a body)\nGot the ids {ids}")
    sent, _, ids = get_list(client, "/notes?q=PLUMBER", ADDED)
    if ids != [2]:
        fail(f"{ADDED}{sent}\nExpected: the note with id 2\nGot the ids {ids}")
    sent, _, ids = get_list(client, "/notes?q=holiday", ADDED)
    if ids != []:
        fail(f"{ADDED}{sent}\nExpected: [] (no note mentions it)\nGot the ids {ids}")


@check("?limit= and ?offset= give one page of notes, in id order")
def _():
    client = with_notes(*[(f"note {n}", "") for n in range(1, 8)])
    before = "After adding 7 notes,\n"
    for url, want in [("/notes?limit=3", [1, 2, 3]), ("/notes?limit=3&offset=3", [4, 5, 6]),
                      ("/notes?limit=3&offset=6", [7]), ("/notes?offset=10", [])]:
        sent, _, ids = get_list(client, url, before)
        if ids != want:
            fail(f"{before}{sent}\nExpected the ids {want}\nGot the ids {ids}")


@check("without a limit a page holds at most 20 notes")
def _():
    client = with_notes(*[(f"note {n}", "") for n in range(1, 26)])
    sent, _, ids = get_list(client, "/notes", "After adding 25 notes,\n")
    if ids != list(range(1, 21)):
        fail(f"After adding 25 notes,\n{sent}\nExpected the ids 1 to 20\nGot the ids {ids}")


@check("X-Total-Count says how many notes match, before paging")
def _():
    client = with_notes(*SHOPPING)
    for url, want in [("/notes", "4"), ("/notes?q=milk&limit=1", "2"), ("/notes?limit=1&offset=3", "4")]:
        sent, response, _ = get_list(client, url, ADDED)
        got = response.headers.get("X-Total-Count")
        if got != want:
            fail(f"{ADDED}{sent}\nExpected: the header X-Total-Count: {want}\nGot: {got!r}")


@check("a limit or offset that is not a sensible whole number is refused with 400")
def _():
    client = with_notes(*SHOPPING)
    for url in ["/notes?limit=abc", "/notes?limit=0", "/notes?limit=101", "/notes?offset=-1", "/notes?limit=2.5"]:
        sent, response = send(client, "GET", url, status=400)
        data = json_of(sent, response)
        if not isinstance(data, dict) or not isinstance(data.get("error"), str) or not data["error"].strip():
            fail(f"{sent}\nExpected: a JSON body like {{\"error\": \"what is wrong\"}}\nGot: {json.dumps(data)}")
