"""The notes API: a Flask app that stores short notes and serves them as JSON.

    from app import create_app
    client = create_app({"NOTES_FILE": "notes.json"}).test_client()
    client.get("/notes")
"""

from flask import Flask, request

from storage import NoteStore


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
        data = request.get_json()
        note = store.add(data["title"], data.get("body", ""))
        # 201 Created, and where the new note will live.
        return note, 201, {"Location": f"/notes/{note['id']}"}

    return app
