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

    def get(self, note_id):
        """The note with this id, or None."""
        return self._notes.get(note_id)

    def add(self, title, body):
        """Stores a new note with the next id and returns it."""
        note = {"id": self._next_id, "title": title, "body": body}
        self._notes[note["id"]] = note
        # Ids only grow: a deleted note's id is never given to another one.
        self._next_id += 1
        return note

    def replace(self, note_id, title, body):
        """Replaces a note's title and body; returns it, or None if there
        is no such note."""
        if note_id not in self._notes:
            return None
        note = {"id": note_id, "title": title, "body": body}
        self._notes[note_id] = note
        return note

    def delete(self, note_id):
        """Deletes a note; returns whether there was one."""
        return self._notes.pop(note_id, None) is not None
