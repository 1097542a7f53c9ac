"""The notes API: a Flask app that stores short notes and serves them as JSON.

    from app import create_app
    client = create_app({"NOTES_FILE": "notes.json"}).test_client()
    client.get("/notes")
"""

from flask import Flask

from storage import NoteStore


def create_app(test_config=None):
    """Builds the app. `test_config` is a dict of settings that replace
    the defaults (a test passes its own NOTES_FILE)."""
    app = Flask(__name__)
    app.config.from_mapping(NOTES_FILE="notes.json")
    if test_config:
        app.config.update(test_config)

    # Stage 1: keep a NoteStore for this app and add the /notes routes here.

    return app
