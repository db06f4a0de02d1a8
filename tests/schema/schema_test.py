#!/usr/bin/env python3
"""The JSON Schema of the model format (docs/schema/) against the loader, with a real validator.

1. docs/schema/*.json are current: the bytes `threatwright schema [--include]` writes.
2. Every example model, threatwright's own model and the models under tests/ validate: root
   files against threatwright.schema.json, the files they include against
   threatwright-include.schema.json.
3. Every model fixture written inline in the tests (C++ string literals in src/**/*_test.cc,
   heredocs in tests/**/*.sh) is loaded by the real binary and classified by its diagnostics:
   one with an error about its shape (unknown-key, wrong-type, bad-value, missing-field, bad-id,
   bad-date, bad-version, conflicting-fields, bad-base) must fail the schema; any other must
   validate, whether the loader accepts it or reports only what one file's shape cannot show
   (dangling references, duplicate ids, missing sections, includes, YAML duplicate keys).
   A fixture without 'threatwright:' is a snippet the test completes at run time: it is checked
   like an included file. VERBOSE=1 lists the fixtures of each class.

YAML is read as YAML 1.2 like the loader and the YAML language server do: only true/false are
booleans, dates stay text.
Environment: TW (the binary), TW_SOURCE_DIR. Exit 77 (skip) without python3-jsonschema.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:  # scripts/deps.sh lists python3-jsonschema and python3-yaml
    print(f"SKIP: {e.name} is not installed (apt-get install python3-jsonschema python3-yaml)")
    sys.exit(77)

TW = os.environ["TW"]
SRC = os.environ["TW_SOURCE_DIR"]
SHAPE = {"unknown-key", "wrong-type", "bad-value", "missing-field", "bad-id", "bad-date",
         "bad-version", "conflicting-fields", "bad-base"}
failures = []


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core booleans and no timestamps."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def load_yaml(text):
    return yaml.load(text, Loader=Yaml12Loader)


def schema(name):
    with open(os.path.join(SRC, "docs", "schema", name)) as f:
        return json.load(f)


def validator(s):
    jsonschema.Draft7Validator.check_schema(s)
    return jsonschema.Draft7Validator(s, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


# 1. Freshness.
for name, args in (("threatwright.schema.json", []),
                   ("threatwright-include.schema.json", ["--include"])):
    got = subprocess.run([TW, "schema", *args], capture_output=True, text=True, check=True).stdout
    with open(os.path.join(SRC, "docs", "schema", name)) as f:
        if f.read() != got:
            failures.append(f"docs/schema/{name} is stale: run "
                            f"'threatwright schema {' '.join(args)} -o docs/schema/{name}'")

# -o writes the same bytes; an unwritable path is an I/O failure (exit 3) with a message.
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "s.json")
    r = subprocess.run([TW, "schema", "-o", out], capture_output=True, text=True)
    with open(os.path.join(SRC, "docs", "schema", "threatwright.schema.json")) as f:
        if r.returncode != 0 or r.stdout or open(out).read() != f.read():
            failures.append(f"schema -o: exit {r.returncode}, stdout {r.stdout[:80]!r}")
    r = subprocess.run([TW, "schema", "-o", os.path.join(tmp, "no", "such", "dir", "s.json")],
                       capture_output=True, text=True)
    if r.returncode != 3 or "error" not in r.stderr:
        failures.append(f"schema -o into a missing folder: exit {r.returncode}, {r.stderr!r}")

ROOT = validator(schema("threatwright.schema.json"))
INCLUDE = validator(schema("threatwright-include.schema.json"))


def errors(v, data):
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in v.iter_errors(data)]


# 2. Model files in the repository.
def includes(path, data, seen):
    out = []
    entries = data.get("include") if isinstance(data, dict) else None
    if isinstance(entries, str):
        entries = [entries]
    for pattern in entries or []:
        for inc in sorted(glob.glob(os.path.join(os.path.dirname(path), pattern), recursive=True)):
            inc = os.path.normpath(inc)
            if inc in seen:
                continue
            seen.add(inc)
            out.append(inc)
            with open(inc) as f:
                out += includes(inc, load_yaml(f.read()), seen)
    return out


roots = sorted(glob.glob(os.path.join(SRC, "examples", "*", "model.yaml")))
roots += [os.path.join(SRC, "threat-model.yaml"), os.path.join(SRC, "tests", "ci", "model.yaml")]
roots += sorted(glob.glob(os.path.join(SRC, "tests", "diff", "cases", "**", "model.yaml"),
                          recursive=True))
roots += sorted(glob.glob(os.path.join(SRC, "tests", "diff", "cases", "*", "flat.yaml")))
checked = 0
for root in roots:
    with open(root) as f:
        data = load_yaml(f.read())
    for path, v in [(root, ROOT)] + [(i, INCLUDE) for i in includes(root, data, {root})]:
        with open(path) as f:
            e = errors(v, load_yaml(f.read()))
        checked += 1
        if e:
            failures.append(f"{os.path.relpath(path, SRC)} fails the schema:\n  " + "\n  ".join(e))
print(f"{checked} model files in the repository validate")

# The root file needs its version; an included file does not.
partial = {"system": {"name": "S"}}
if not errors(ROOT, partial) or errors(INCLUDE, partial):
    failures.append("'threatwright' must be required in a root file and optional in an include")


# 3. Fixtures written inside the tests.
def c_unescape(s):
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape").encode(
        "latin-1").decode("utf-8", "replace")


TOKEN = re.compile(r'R"\((.*?)\)"|"((?:[^"\\\n]|\\.)*)"|(\w+)|(\S)', re.S)


def cpp_fixtures(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"std::string\((\w+)\)", r"\1", text)
    consts, runs, run = {}, [], []
    pending_const = prev_ident = None
    for m in TOKEN.finditer(text):
        raw, lit, ident, other = m.groups()
        if raw is not None or lit is not None:
            run.append(raw if raw is not None else c_unescape(lit))
            continue
        if ident is not None and ident in consts:
            run.append(consts[ident])
            continue
        if other == "+" and run:
            continue
        if run:
            if pending_const:
                consts[pending_const] = "".join(run)
            runs.append("".join(run))
            run = []
        pending_const = prev_ident if other == "=" else None
        prev_ident = ident
    return runs


def sh_fixtures(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = []
    for m in re.finditer(r"cat >\S*\.(?:yaml|yml) <<'?(\w+)'?\n(.*?)\n\1\n", text, re.S):
        if "$" not in m.group(2):
            out.append(m.group(2) + "\n")
    return out


TOP = set(schema("threatwright.schema.json")["properties"])


def is_model(text):
    try:
        data = load_yaml(text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not data:
        return None
    if not all(isinstance(k, str) and (k in TOP or k.startswith("x-")) for k in data):
        return None
    return data


fixtures = []
for path in sorted(glob.glob(os.path.join(SRC, "src", "**", "*_test.cc"), recursive=True)):
    fixtures += [(path, t) for t in cpp_fixtures(path)]
for path in sorted(glob.glob(os.path.join(SRC, "tests", "**", "*.sh"), recursive=True)):
    fixtures += [(path, t) for t in sh_fixtures(path)]

CODE = re.compile(r": error: (.*)\[([a-z0-9-]+)\]$", re.M)
counts = {"valid": 0, "shape": 0, "semantic": 0}
semantic, shaped = [], []
seen_texts = set()
with tempfile.TemporaryDirectory() as tmp:
    model_path = os.path.join(tmp, "m.yaml")
    for src, text in fixtures:
        data = is_model(text)
        if data is None or text in seen_texts:
            continue
        seen_texts.add(text)
        with open(model_path, "w") as f:
            f.write(text)
        r = subprocess.run([TW, "analyze", model_path, "--summary"], capture_output=True,
                           text=True, timeout=60, env=dict(os.environ, NO_COLOR="1"))
        # A fixture without 'threatwright:' is a snippet the test completes at run time, like
        # an included file: checked against the include schema, without the root's version.
        root = "threatwright" in data
        codes = {m.group(2) for m in CODE.finditer(r.stderr)
                 if root or "has no 'threatwright'" not in m.group(1)}
        where = os.path.relpath(src, SRC)
        e = errors(ROOT if root else INCLUDE, data)
        first = text.strip().splitlines()[:3]
        if not codes:
            counts["valid"] += 1
            if e:
                failures.append(f"a model the loader accepts fails the schema ({where}):\n"
                                f"  {first}\n  " + "\n  ".join(e))
        elif codes & SHAPE:
            counts["shape"] += 1
            shaped.append(f"{where}: {sorted(codes & SHAPE)}: {first[0][:50]}")
            if not e:
                failures.append(f"a model with shape errors {sorted(codes & SHAPE)} passes "
                                f"the schema ({where}):\n  {text[:400]}")
        else:
            # Only errors a schema cannot see: the shape is right, so the schema accepts it.
            counts["semantic"] += 1
            semantic.append(f"{where}: {sorted(codes)}")
            if e:
                failures.append(f"a model whose only errors are {sorted(codes)} fails the "
                                f"schema ({where}):\n  {first}\n  " + "\n  ".join(e))

print(f"test fixtures: {counts['valid']} valid (validate), {counts['shape']} invalid by shape "
      f"(fail the schema), {counts['semantic']} with only errors a schema cannot see "
      f"(validate)")
if os.environ.get("VERBOSE"):
    print("invalid-by-shape fixtures:\n  " + "\n  ".join(sorted(shaped)))
    print("semantic-only fixtures:\n  " + "\n  ".join(sorted(set(semantic))))
if counts["valid"] < 20 or counts["shape"] < 10:
    failures.append(f"too few fixtures found ({counts}): is the extraction broken?")
for f in failures:
    print("FAIL:", f, file=sys.stderr)
sys.exit(1 if failures else 0)
