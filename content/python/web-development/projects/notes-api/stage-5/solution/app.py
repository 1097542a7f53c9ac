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


def whole_number(args, name, default, low, high=None):
    """The query parameter `name` as an int in low..high, or `default` when
    it is not given; a ValueError when it is not such a number."""
    text = args.get(name)
    if text is None:
        return default
    allowed = f"from {low} to {high}" if high is not None else f"{low} or more"
    if not (text.isascii() and text.isdigit()) or int(text) < low or (high is not None and int(text) > high):
        raise ValueError(f"{name} must be a whole number {allowed}")
    return int(text)


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

    # One store per app, on the file its config names: two apps with
    # different files (say, in two tests) never share notes.
    store = NoteStore(app.config["NOTES_FILE"])

    # Flask answers unknown URLs (and /notes/abc, which <int:...> does not
    # match) with an HTML page; a JSON API should answer in JSON.
    @app.errorhandler(404)
    def not_found(_):
        return error("not found", 404)

    @app.errorhandler(405)
    def method_not_allowed(_):
        return error("method not allowed", 405)

    @app.get("/notes")
    def list_notes():
        try:
            limit = whole_number(request.args, "limit", default=20, low=1, high=100)
            offset = whole_number(request.args, "offset", default=0, low=0)
        except ValueError as problem:
            return error(str(problem), 400)
        notes = store.all()
        words = request.args.get("q", "").strip().casefold()
        if words:
            notes = [n for n in notes if words in n["title"].casefold() or words in n["body"].casefold()]
        # The total counts every match, so a client knows how many pages there are.
        return notes[offset:offset + limit], 200, {"X-Total-Count": str(len(notes))}

    @app.post("/notes")
    def create_note():
        # silent=True: a body that is not JSON gives None instead of an
        # HTML error page, and note_fields turns None into our own 400.
        try:
            title, body = note_fields(request.get_json(silent=True))
        except ValueError as problem:
            return error(str(problem), 400)
        note = store.add(title, body)
        # 201 Created, and where the new note lives.
        return note, 201, {"Location": f"/notes/{note['id']}"}

    @app.get("/notes/<int:note_id>")
    def get_note(note_id):
        note = store.get(note_id)
        if note is None:
            return error(f"there is no note {note_id}", 404)
        return note

    @app.put("/notes/<int:note_id>")
    def replace_note(note_id):
        # A missing note is a 404 even when the body is bad too: the client
        # has the wrong URL, whatever it sent.
        if store.get(note_id) is None:
            return error(f"there is no note {note_id}", 404)
        try:
            title, body = note_fields(request.get_json(silent=True))
        except ValueError as problem:
            return error(str(problem), 400)
        return store.replace(note_id, title, body)

    @app.delete("/notes/<int:note_id>")
    def delete_note(note_id):
        if not store.delete(note_id):
            return error(f"there is no note {note_id}", 404)
        # 204 No Content: done, and nothing to send back.
        return "", 204

    return app
