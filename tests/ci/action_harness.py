#!/usr/bin/env python3
"""Runs the composite action of action.yml as a GitHub runner would, without network.

usage: action_harness.py ACTION_DIR OUTPUTS_JSON

The inputs are the INPUT_<NAME> variables of the environment (NAME upper-cased, '-' as '_'),
with action.yml's defaults for the rest; GitHub's variables (GITHUB_WORKSPACE,
GITHUB_EVENT_PATH, GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, RUNNER_TEMP, ...) are passed through.
Each `run:` step runs with `bash --noprofile --norc -eo pipefail` (GitHub's bash), its `env:`
evaluated, a fresh GITHUB_OUTPUT file read back into steps.<id>.outputs and GITHUB_PATH
prepended to PATH for later steps. A `uses:` step is not run (it would need the network); it
must be pinned by a full commit id. The harness understands only the expressions action.yml
uses and fails on any other, and a `run:` script may contain no expression at all (inputs
reach scripts only through the environment: no script injection). Writes the action's
outputs to OUTPUTS_JSON and exits with the exit code of the first failing step.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Harness:
    def __init__(self, action_dir):
        self.action_dir = os.path.abspath(action_dir)
        with open(os.path.join(self.action_dir, "action.yml"), encoding="utf-8") as f:
            self.action = yaml.safe_load(f)
        self.inputs = {}
        for name, spec in self.action.get("inputs", {}).items():
            env = "INPUT_" + name.upper().replace("-", "_")
            self.inputs[name] = os.environ.get(env, str(spec.get("default", "")))
        self.steps = {}
        self.path_prepend = []
        self.temp = os.environ["RUNNER_TEMP"]

    def value(self, expr):
        m = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            if m.group(1) not in self.inputs:
                raise SystemExit(f"harness: action.yml uses undeclared input {m.group(1)}")
            return self.inputs[m.group(1)]
        m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            return self.steps.get(m.group(1), {}).get(m.group(2), "")
        if expr == "github.action_path":
            return self.action_dir
        if expr == "runner.temp":
            return self.temp
        raise SystemExit(f"harness: unsupported expression '{expr}'")

    def interpolate(self, text):
        return EXPR.sub(lambda m: self.value(m.group(1)), str(text))

    def condition(self, cond):
        if cond is None:
            return True
        cond = str(cond).strip()
        m = EXPR.fullmatch(cond)
        if m:
            cond = m.group(1)
        m = re.fullmatch(r"(\S+)\s*(==|!=)\s*'([^']*)'", cond)
        if not m:
            raise SystemExit(f"harness: unsupported condition '{cond}'")
        equal = self.value(m.group(1)) == m.group(3)
        return equal if m.group(2) == "==" else not equal

    def run(self):
        runs = self.action["runs"]
        assert runs["using"] == "composite", "a composite action"
        for i, step in enumerate(runs["steps"]):
            name = step.get("name", f"step {i}")
            if "uses" in step:
                if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]):
                    raise SystemExit(f"harness: '{name}' uses {step['uses']}, not pinned by commit")
                print(f"harness: skipped '{name}' ({step['uses'].split('@')[0]}: network)")
                continue
            if not self.condition(step.get("if")):
                print(f"harness: skipped '{name}' (if: {step.get('if')})")
                continue
            script = step["run"]
            if EXPR.search(script):
                raise SystemExit(f"harness: '{name}' interpolates an expression into its script")
            if step.get("shell") != "bash":
                raise SystemExit(f"harness: '{name}' has no 'shell: bash'")
            env = dict(os.environ)
            env["PATH"] = os.pathsep.join(self.path_prepend + [env["PATH"]])
            for k, v in (step.get("env") or {}).items():
                env[k] = self.interpolate(v)
            with tempfile.NamedTemporaryFile("w", dir=self.temp, delete=False) as out, \
                    tempfile.NamedTemporaryFile("w", dir=self.temp, delete=False) as path, \
                    tempfile.NamedTemporaryFile("w", dir=self.temp, suffix=".sh", delete=False) as sh:
                sh.write(script)
            env["GITHUB_OUTPUT"], env["GITHUB_PATH"] = out.name, path.name
            env["GITHUB_ACTION_PATH"] = self.action_dir
            print(f"harness: run '{name}'", flush=True)
            rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", sh.name],
                                env=env).returncode
            if "id" in step:
                self.steps[step["id"]] = read_outputs(out.name)
            with open(path.name, encoding="utf-8") as f:
                self.path_prepend = [l.strip() for l in f if l.strip()] + self.path_prepend
            if rc != 0:
                print(f"harness: '{name}' failed with exit code {rc}")
                return rc
        return 0

    def outputs(self):
        return {k: self.interpolate(v["value"]) for k, v in self.action.get("outputs", {}).items()}


def read_outputs(path):
    """name=value lines and name<<DELIMITER blocks, as GitHub reads GITHUB_OUTPUT."""
    out = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        i += 1
    return out


def main():
    h = Harness(sys.argv[1])
    rc = h.run()
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(h.outputs(), f, indent=1)
    sys.exit(rc)


if __name__ == "__main__":
    main()
