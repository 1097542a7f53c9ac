"""The notes API: a Flask app that stores short notes and serves them as JSON.

    from app import create_app
    client = create_app({"NOTES_FILE": "notes.json"}).test_client()
    client.get("/notes")
"""

from flask import Flask, request

from storage import NoteStore


def note_fields(data):
    """The (title, body) of a note sent by a client, or a ValueError that
    says what is wrong with it."""
    if not isinstance(data, dict):
        raise ValueError("send a JSON object such as {\"title\": \"...\", \"body\": \"...\"}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("title must be a non-empty string")
    body = data.get("body", "")
    if not isinstance(body, str):
        raise ValueError("body must be a string")
    return title, body


def error(message, status):
    """Every error has the same shape, so clients can read any of them."""
    return {"error": message}, status


def create_app(test_config=None):
    """Builds the app. `test_config` is a dict of settings that replace
    the defaults (a test passes its own NOTES_FILE)."""
    app = Flask(__name__)
    app.config.from_mapping(NOTES_FILE="notes.json")
    if test_config:
        app.config.update(test_config)

    # One store per app: two apps (say, in two tests) never share notes.
    store = NoteStore()

    @app.get("/notes")
    def list_notes():
        return store.all()

    @app.post("/notes")
    def create_note():
        # silent=True: a body that is not JSON gives None instead of an
        # HTML error page, and note_fields turns None into our own 400.
        try:
            title, body = note_fields(request.get_json(silent=True))
        except ValueError as problem:
            return error(str(problem), 400)
        note = store.add(title, body)
        # 201 Created, and where the new note will live.
        return note, 201, {"Location": f"/notes/{note['id']}"}

    return app
