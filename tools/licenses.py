#!/usr/bin/env python3
"""Writes assets/licenses.txt: every crate in Cargo.lock with its version and
licence, as `cargo metadata` reports them. Help > About shows the file, and a
test checks that it lists every package in Cargo.lock. Run after changing
dependencies: python3 tools/licenses.py"""

import json
import pathlib
import subprocess

root = pathlib.Path(__file__).resolve().parent.parent
meta = json.loads(
    subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout
)
rows = sorted(
    (p["name"], p["version"], p.get("license") or "see the crate's licence file")
    for p in meta["packages"]
    if p["name"] != "pyroadmap"
)
lines = [
    "pyroadmap is built on these open-source crates (name, version, licence).",
    "Each licence's full text ships with its crate's source on crates.io.",
    "",
]
lines += [f"{name} {version}: {licence}" for name, version, licence in rows]
(root / "assets" / "licenses.txt").write_text("\n".join(lines) + "\n")
print(f"{len(rows)} crates written to assets/licenses.txt")
