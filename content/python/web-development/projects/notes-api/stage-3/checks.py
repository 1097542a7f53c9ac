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


def expect_not_found(client, method, url, body=None):
    sent, response = send(client, method, url, body, status=404)
    data = json_of(sent, response)
    if not isinstance(data, dict) or not isinstance(data.get("error"), str) or not data["error"].strip():
        fail(f"{sent}\nExpected: a JSON body like {{\"error\": \"what is wrong\"}}\nGot: {json.dumps(data)}")


def with_notes(*titles):
    client = new_client()
    for title in titles:
        send(client, "POST", "/notes", {"title": title, "body": f"about {title}"}, status=201)
    return client


@check("GET /notes/<id> answers with that note")
def _():
    client = with_notes("first", "second")
    sent, response = send(client, "GET", "/notes/2")
    data = json_of(sent, response)
    want = {"id": 2, "title": "second", "body": "about second"}
    if data != want:
        fail(f"After adding 'first' and 'second', {sent}\nExpected: {json.dumps(want)}\nGot: {json.dumps(data)}")


@check("GET of a note that does not exist answers 404 with a JSON error")
def _():
    expect_not_found(with_notes("only"), "GET", "/notes/7")


@check("PUT /notes/<id> replaces the title and body")
def _():
    client = with_notes("first", "second")
    sent, response = send(client, "PUT", "/notes/1", {"title": "renamed", "body": "new text"})
    data = json_of(sent, response)
    want = {"id": 1, "title": "renamed", "body": "new text"}
    if data != want:
        fail(f"{sent}\nExpected: {json.dumps(want)}\nGot: {json.dumps(data)}")
    sent, response = send(client, "GET", "/notes/1")
    data = json_of(sent, response)
    if data != want:
        fail(f"After the PUT, {sent}\nExpected: {json.dumps(want)}\nGot: {json.dumps(data)}")


@check("PUT checks the note like POST does, and answers 404 for a missing note")
def _():
    client = with_notes("first")
    expect_error(client, "PUT", "/notes/1", body={"title": ""})
    expect_not_found(client, "PUT", "/notes/5", {"title": "nobody here"})
    sent, response = send(client, "GET", "/notes/1")
    if json_of(sent, response).get("title") != "first":
        fail(f"After a refused PUT, {sent}\nExpected: the note unchanged, titled 'first'\nGot: {json.dumps(response.get_json())}")


@check("DELETE /notes/<id> answers 204 with no body, and the note is gone")
def _():
    client = with_notes("first", "second")
    sent, response = send(client, "DELETE", "/notes/1", status=204)
    if response.get_data():
        fail(f"{sent}\nExpected: no body with status 204\nGot: {response.get_data(as_text=True)[:300]!r}")
    expect_not_found(client, "GET", "/notes/1")
    expect_not_found(client, "DELETE", "/notes/1")
    sent, response = send(client, "GET", "/notes")
    titles = [note.get("title") for note in json_of(sent, response)]
    if titles != ["second"]:
        fail(f"After deleting note 1 of 'first' and 'second', {sent}\nExpected only 'second'\nGot the titles {titles}")


@check("ids are never reused, even after a delete")
def _():
    client = with_notes("first", "second")
    send(client, "DELETE", "/notes/2", status=204)
    sent, response = send(client, "POST", "/notes", {"title": "third"}, status=201)
    data = json_of(sent, response)
    if data.get("id") != 3:
        fail(f"After adding notes 1 and 2 and deleting note 2, {sent}\n"
             f"Expected: the id 3 (2 belonged to a deleted note)\nGot: {json.dumps(data)}")
