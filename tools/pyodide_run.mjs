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
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";

// asyncio.run() waits for its loop with WebAssembly stack switching (JSPI).
// Node 20 has it behind --experimental-wasm-stack-switching and Node 22 and
// 24 behind --experimental-wasm-jspi; the flag must be given when Node
// starts, so without it the script runs itself again with the first flag
// this Node accepts.
const hasJspi = "Suspending" in WebAssembly || "Suspender" in WebAssembly;
if (!hasJspi && !process.env.PYROADMAP_PYODIDE_RESTARTED) {
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

const [dir, file] = process.argv.slice(2);
if (!dir || !file) {
  process.stderr.write("usage: node pyodide_run.mjs PYODIDE_DIR FILE.py\n");
  process.exit(2);
}
const code = readFileSync(file, "utf8");
const where = path.join(path.resolve(dir), "node_modules", "pyodide", "pyodide.mjs");
const { loadPyodide } = await import(pathToFileURL(where).href);

const out = [];
const err = [];
const collect = (into) => ({
  write(buffer) {
    into.push(Buffer.from(buffer));
    return buffer.length;
  },
});
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
