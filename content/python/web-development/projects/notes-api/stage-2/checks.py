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


def expect_error(client, method, url, raw=None, body=None):
    """Sends a bad request and fails unless it gets 400 with {"error": "..."}."""
    if raw is not None:
        sent = f"Sent: {method} {url} with the body {raw!r} (Content-Type application/json)"
        response = client.open(url, method=method, data=raw, content_type="application/json")
    else:
        sent = f"Sent: {method} {url} with the JSON body {json.dumps(body)}"
        try:
            response = client.open(url, method=method, json=body)
        except Exception as error:
            fail(f"{sent}\nExpected: status 400 with a JSON error\nYour app raised an error:\n"
                 + learner_traceback(error))
    if response.status_code != 400:
        fail(f"{sent}\nExpected: status 400\nGot: status {response.status_code} with this body:\n"
             + (response.get_data(as_text=True)[:600] or "(nothing)"))
    data = json_of(sent, response)
    if not isinstance(data, dict) or not isinstance(data.get("error"), str) or not data["error"].strip():
        fail(f"{sent}\nExpected: a JSON body like {{\"error\": \"what is wrong\"}}\nGot: {json.dumps(data)}")


@check("a note without a title is refused with 400 and a JSON error")
def _():
    expect_error(new_client(), "POST", "/notes", body={"body": "no title here"})


@check("a blank title or a title that is not text is refused")
def _():
    client = new_client()
    expect_error(client, "POST", "/notes", body={"title": "   "})
    expect_error(client, "POST", "/notes", body={"title": 42})


@check("a body that is not text is refused")
def _():
    expect_error(new_client(), "POST", "/notes", body={"title": "ok", "body": ["a", "list"]})


@check("a request body that is not JSON, or not an object, is refused")
def _():
    client = new_client()
    expect_error(client, "POST", "/notes", raw="this is not JSON")
    expect_error(client, "POST", "/notes", body=["a", "list"])


@check("refused notes are not stored")
def _():
    client = new_client()
    expect_error(client, "POST", "/notes", body={"title": ""})
    sent, response = send(client, "POST", "/notes", {"title": "kept"}, status=201)
    data = json_of(sent, response)
    if data.get("id") != 1:
        fail(f"After one refused note, {sent}\nExpected: the id 1 (a refused note uses no id)\nGot: {json.dumps(data)}")
    sent, response = send(client, "GET", "/notes")
    data = json_of(sent, response)
    if [note.get("title") for note in data] != ["kept"]:
        fail(f"After one refused note and one good one, {sent}\nExpected only the note 'kept'\nGot: {json.dumps(data)}")
