"""Where the notes are kept: a JSON file, so they outlive the app. The views
in app.py only talk to a NoteStore, so they did not change for this."""

import json
import os
from pathlib import Path


class NoteStore:
    """The notes in one JSON file, as dicts {"id": ..., "title": ..., "body": ...}.

    The file holds {"next_id": ..., "notes": [...]}: keeping next_id means
    a deleted note's id is not handed out again after a restart either."""

    def __init__(self, path):
        self._path = Path(path)
        self._notes = {}
        self._next_id = 1
        if self._path.exists():
            with self._path.open(encoding="utf-8") as file:
                saved = json.load(file)
            self._notes = {note["id"]: note for note in saved["notes"]}
            self._next_id = saved["next_id"]

    def _save(self):
        """Writes every note to the file. It writes a new file beside the old
        one and then swaps them, so a crash halfway never leaves half a file."""
        saved = {"next_id": self._next_id, "notes": list(self._notes.values())}
        temporary = self._path.with_name(self._path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as file:
            json.dump(saved, file, indent=2)
        os.replace(temporary, self._path)

    def all(self):
        """Every note, oldest (lowest id) first."""
        return sorted(self._notes.values(), key=lambda note: note["id"])

    def get(self, note_id):
        """The note with this id, or None."""
        return self._notes.get(note_id)

    def add(self, title, body):
        """Stores a new note with the next id and returns it."""
        note = {"id": self._next_id, "title": title, "body": body}
        self._notes[note["id"]] = note
        # Ids only grow: a deleted note's id is never given to another one.
        self._next_id += 1
        self._save()
        return note

    def replace(self, note_id, title, body):
        """Replaces a note's title and body; returns it, or None if there
        is no such note."""
        if note_id not in self._notes:
            return None
        note = {"id": note_id, "title": title, "body": body}
        self._notes[note_id] = note
        self._save()
        return note

    def delete(self, note_id):
        """Deletes a note; returns whether there was one."""
        if self._notes.pop(note_id, None) is None:
            return False
        self._save()
        return True
