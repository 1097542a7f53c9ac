// Runs one Python file with Pyodide (CPython compiled to WebAssembly), as
// `python file.py` would in an empty folder: what the program writes to
// stdout goes to stdout byte for byte, a traceback goes to stderr, and the
// exit status is the program's (1 when it raised).
//
// The content test uses it to run the lesson examples marked min=3.14 and
// min=3.15 on those Pythons before a release of them is installed:
//
//     npm install --prefix DIR pyodide@314.0.8
//     node tools/pyodide_run.mjs DIR example.py
//
// DIR is the folder npm installed into (it holds node_modules/pyodide).
//
// With --jobs it runs many programs in one Pyodide, each in a folder as
// src/practice/runner.rs writes a run's folder (solution.py, explain.py,
// and harness.py with checks.py, or run.py), as `python -X utf8 -u SCRIPT`
// would run there; the tests use it to check exercises and the error
// explainer on 3.14 and 3.15:
//
//     node tools/pyodide_run.mjs DIR --jobs JOBS.jsonl [--timeout-ms N]
//
// Each line of JOBS.jsonl is {"folder": ..., "script": "harness.py",
// "stdin": null or "text"}. The folder's files are copied into Pyodide's
// in-memory file system, the script runs there as __main__, and every file
// then in that folder is copied back out (results.jsonl, explanation.json).
// Each job's end is one JSON line on stdout: {"folder", "status",
// "stdout", "stderr", "timed_out"}. Pyodide loads once (in a worker
// thread) for all jobs; what a job imports is forgotten after it, and a job
// that runs past the limit is ended with its worker, which starts afresh.
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

// asyncio.run() waits for its loop with WebAssembly stack switching (JSPI).
// Node 20 has it behind --experimental-wasm-stack-switching and Node 22 and
// 24 behind --experimental-wasm-jspi; the flag must be given when Node
// starts, so without it the script runs itself again with the first flag
// this Node accepts.
const hasJspi = "Suspending" in WebAssembly || "Suspender" in WebAssembly;
if (isMainThread && !hasJspi && !process.env.PYROADMAP_PYODIDE_RESTARTED) {
  for (const flag of ["--experimental-wasm-jspi", "--experimental-wasm-stack-switching"]) {
    const probe = spawnSync(process.execPath, [flag, "-e", "0"], { stdio: "ignore" });
    if (probe.status !== 0) continue;
    const again = spawnSync(process.execPath, [flag, ...process.argv.slice(1)], {
      stdio: "inherit",
      env: { ...process.env, PYROADMAP_PYODIDE_RESTARTED: "1" },
    });
    process.exit(again.status ?? 1);
  }
}

const [dir, file, ...options] = process.argv.slice(2);
const where = (dir) => path.join(path.resolve(dir), "node_modules", "pyodide", "pyodide.mjs");
const collect = (into) => ({
  write(buffer) {
    into.push(Buffer.from(buffer));
    return buffer.length;
  },
});

async function runOne(dir, file) {
  const code = readFileSync(file, "utf8");
  const { loadPyodide } = await import(pathToFileURL(where(dir)).href);
  const out = [];
  const err = [];
  const pyodide = await loadPyodide({ env: { PYTHONIOENCODING: "utf-8" } });
  pyodide.setStdout(collect(out));
  pyodide.setStderr(collect(err));
  pyodide.setStdin({ error: true });

  // The program runs as __main__ from a file in an empty working folder, like
  // `python -I example.py`; SystemExit ends it with its status.
  pyodide.FS.mkdirTree("/run/example");
  pyodide.FS.writeFile("/run/example/example.py", code);
  const status = await pyodide.runPythonAsync(`
import os, runpy, sys, traceback
os.chdir("/run/example")
sys.path[0:0] = ["/run/example"]
sys.argv = ["example.py"]
try:
    runpy.run_path("example.py", run_name="__main__")
    status = 0
except SystemExit as e:
    code = e.code
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
except BaseException:
    traceback.print_exc()
    status = 1
sys.stdout.flush()
sys.stderr.flush()
status
`);
  process.stdout.write(Buffer.concat(out));
  process.stderr.write(Buffer.concat(err));
  process.exitCode = status;
}

// The main thread hands the jobs one at a time to a worker that holds
// Pyodide, and ends the worker when a job outlives the limit.
async function runJobs(dir, options) {
  const list = options[0];
  const at = options.indexOf("--timeout-ms");
  const timeoutMs = at >= 0 ? Number(options[at + 1]) : 30000;
  const jobs = readFileSync(list, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
  let worker = null;
  const start = () =>
    new Promise((resolve, reject) => {
      const w = new Worker(new URL(import.meta.url), { workerData: { dir } });
      w.once("message", () => resolve(w));
      w.once("error", reject);
    });
  for (const job of jobs) {
    if (!worker) worker = await start();
    const current = worker;
    let timer;
    const result = await Promise.race([
      new Promise((resolve) => {
        current.once("message", resolve);
        current.once("error", (e) => resolve({ status: 1, stdout: "", stderr: `the worker failed: ${e}\n` }));
        current.postMessage(job);
      }),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    current.removeAllListeners("message");
    current.removeAllListeners("error");
    let line;
    if (result === null) {
      await current.terminate();
      worker = null;
      line = { folder: job.folder, status: null, stdout: "", stderr: "", timed_out: true };
    } else {
      line = { folder: job.folder, ...result, timed_out: false };
    }
    process.stdout.write(JSON.stringify(line) + "\n");
  }
  if (worker) await worker.terminate();
}

// Forgets what a job did to the interpreter: the modules it imported, the
// folder, path, environment, streams, limits, warnings and logging setup.
const JOB_RUNNER = `
import gc, io, logging, os, runpy, sys, traceback, warnings

_baseline_modules = set(sys.modules)

def run_job(folder, script, stdin_text):
    saved = dict(
        path=list(sys.path), argv=list(sys.argv), environ=dict(os.environ),
        recursion=sys.getrecursionlimit(), streams=(sys.stdin, sys.stdout, sys.stderr),
        hooks=(sys.excepthook, sys.displayhook),
        handlers=list(logging.root.handlers), level=logging.root.level,
        loggers=set(logging.Logger.manager.loggerDict), disabled=logging.root.manager.disable,
    )
    os.chdir(folder)
    sys.path.insert(0, folder)
    sys.argv = [script]
    sys.stdin = io.StringIO(stdin_text) if stdin_text is not None else open(os.devnull)
    caught = warnings.catch_warnings()
    caught.__enter__()
    try:
        runpy.run_path(os.path.join(folder, script), run_name="__main__")
        status = 0
    except SystemExit as e:
        code = e.code
        if code is None:
            status = 0
        elif isinstance(code, int):
            status = code
        else:
            print(code, file=sys.stderr)
            status = 1
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        caught.__exit__(None, None, None)
        sys.stdin, sys.stdout, sys.stderr = saved["streams"]
        sys.excepthook, sys.displayhook = saved["hooks"]
        sys.settrace(None)
        sys.setprofile(None)
        sys.path[:] = saved["path"]
        sys.argv[:] = saved["argv"]
        os.environ.clear()
        os.environ.update(saved["environ"])
        sys.setrecursionlimit(saved["recursion"])
        logging.root.handlers[:] = saved["handlers"]
        logging.root.setLevel(saved["level"])
        logging.disable(saved["disabled"])
        for name in set(logging.Logger.manager.loggerDict) - saved["loggers"]:
            del logging.Logger.manager.loggerDict[name]
        for name in set(sys.modules) - _baseline_modules:
            del sys.modules[name]
        os.chdir("/")
        gc.collect()
    return status
`;

async function serveJobs(dir) {
  const { loadPyodide } = await import(pathToFileURL(where(dir)).href);
  const out = [];
  const err = [];
  const pyodide = await loadPyodide({ env: { PYTHONIOENCODING: "utf-8" } });
  pyodide.setStdout(collect(out));
  pyodide.setStderr(collect(err));
  pyodide.setStdin({ error: true });
  pyodide.runPython(JOB_RUNNER);
  const runJob = pyodide.globals.get("run_job");
  let count = 0;
  parentPort.on("message", async (job) => {
    // In /tmp under the folder's own name, as the app's runner names it.
    const inside = `/tmp/job${count++}/${path.basename(job.folder)}`;
    pyodide.FS.mkdirTree(inside);
    for (const name of readdirSync(job.folder)) {
      const from = path.join(job.folder, name);
      if (statSync(from).isFile()) pyodide.FS.writeFile(`${inside}/${name}`, readFileSync(from));
    }
    out.length = 0;
    err.length = 0;
    let status;
    try {
      status = await runJob.callPromising(inside, job.script, job.stdin ?? undefined);
    } catch (e) {
      err.push(Buffer.from(`pyodide_run.mjs: ${e}\n`));
      status = 1;
    }
    for (const name of pyodide.FS.readdir(inside)) {
      const inner = `${inside}/${name}`;
      if (name === "." || name === ".." || !pyodide.FS.isFile(pyodide.FS.stat(inner).mode)) continue;
      writeFileSync(path.join(job.folder, name), pyodide.FS.readFile(inner));
    }
    pyodide.runPython(`import shutil; shutil.rmtree(${JSON.stringify(path.dirname(inside))}, ignore_errors=True)`);
    parentPort.postMessage({
      status,
      stdout: Buffer.concat(out).toString("utf8"),
      stderr: Buffer.concat(err).toString("utf8"),
    });
  });
  parentPort.postMessage("ready");
}

if (!isMainThread) {
  await serveJobs(workerData.dir);
} else if (file === "--jobs") {
  await runJobs(dir, options);
} else if (dir && file) {
  await runOne(dir, file);
} else {
  process.stderr.write(
    "usage: node pyodide_run.mjs PYODIDE_DIR FILE.py\n" +
      "       node pyodide_run.mjs PYODIDE_DIR --jobs JOBS.jsonl [--timeout-ms N]\n",
  );
  process.exit(2);
}
