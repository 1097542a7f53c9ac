"""Runs every project's stages as the content test does, for writers:

    python3 tools/check_projects.py [--python PY] [--repeat N] [PROJECT_ID ...]

For each project under content/python/<section>/projects/<id>/:
- the starter must fail stage 1 with a failed check that says why;
- each stage's reference solution (stage-N/solution/) must pass stage N's
  checks and every earlier stage's;
- with --repeat N, each of those verdicts must come out the same N times.
The app's own content test (cargo test --test content) checks the same
through the real runner, with its limits.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGECHECK = ROOT / "src" / "practice" / "stagecheck.py"


def stages_of(project):
    stages = []
    n = 1
    while (project / f"stage-{n}").is_dir():
        stages.append(project / f"stage-{n}")
        n += 1
    return stages


def verdict(python, files, stages):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "verdict.json"
        done = subprocess.run(
            [python, "-I", str(STAGECHECK), str(out), str(files), *map(str, stages)],
            cwd=tmp, capture_output=True, text=True, timeout=120,
        )
        if not out.is_file():
            return {"error": f"no verdict (exit {done.returncode}):\n{done.stderr[-2000:]}"}
        return json.loads(out.read_text())


def summary(v):
    if "error" in v:
        return v["error"]
    return [(s["stage"], [(c["name"], c["status"]) for c in s["checks"]]) for s in v["stages"]]


def first_failure(v):
    for stage in v.get("stages", []):
        for c in stage["checks"]:
            if c["status"] != "passed":
                return stage["stage"], c
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args()
    projects = sorted(ROOT.glob("content/python/*/projects/*/"))
    if args.ids:
        projects = [p for p in projects if p.name in args.ids]
    problems = 0
    for project in projects:
        stages = stages_of(project)
        print(f"{project.relative_to(ROOT)}: {len(stages)} stages")
        runs = [(project / "starter", stages[:1], "starter")]
        runs += [(s / "solution", stages[: i + 1], f"stage {i + 1} solution") for i, s in enumerate(stages)]
        for files, upto, label in runs:
            seen = [verdict(args.python, files, upto) for _ in range(args.repeat)]
            if any(summary(v) != summary(seen[0]) for v in seen):
                problems += 1
                print(f"  {label}: verdicts differ between runs: {[summary(v) for v in seen]}")
                continue
            failure = first_failure(seen[0])
            if "error" in seen[0]:
                problems += 1
                print(f"  {label}: {seen[0]['error']}")
            elif label == "starter":
                if failure is None or failure[1]["status"] != "failed" or not failure[1]["message"].strip():
                    problems += 1
                    print(f"  starter: must fail stage 1 with a message, got {failure}")
                else:
                    print(f"  starter fails: {failure[1]['name']}: {failure[1]['message'].splitlines()[0]}")
            elif failure is not None:
                problems += 1
                print(f"  {label}: stage {failure[0]} check {failure[1]['name']!r} {failure[1]['status']}:\n"
                      + "    " + failure[1]["message"].replace("\n", "\n    "))
            else:
                print(f"  {label}: passes stages 1-{len(upto)}")
    print(f"{len(projects)} projects, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
