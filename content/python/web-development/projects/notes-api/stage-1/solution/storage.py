"""Where the notes are kept. The views in app.py only talk to a NoteStore,
so changing how notes are stored (stage 4) touches this file alone."""


class NoteStore:
    """The notes of one app, as dicts {"id": ..., "title": ..., "body": ...}."""

    def __init__(self):
        self._notes = {}
        self._next_id = 1

    def all(self):
        """Every note, oldest (lowest id) first."""
        # Dicts keep insertion order and ids only grow, so this is id order.
        return list(self._notes.values())

    def add(self, title, body):
        """Stores a new note with the next id and returns it."""
        note = {"id": self._next_id, "title": title, "body": body}
        self._notes[note["id"]] = note
        self._next_id += 1
        return note
