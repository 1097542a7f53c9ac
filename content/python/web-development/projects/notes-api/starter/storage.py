"""Where the notes are kept. The views in app.py only talk to a NoteStore,
so changing how notes are stored (stage 4) touches this file alone."""


class NoteStore:
    """The notes of one app, as dicts {"id": ..., "title": ..., "body": ...}."""

    def __init__(self):
        self._notes = {}
        self._next_id = 1

    def all(self):
        """Every note, oldest (lowest id) first."""
        raise NotImplementedError("stage 1")

    def add(self, title, body):
        """Stores a new note with the next id and returns it."""
        raise NotImplementedError("stage 1")
