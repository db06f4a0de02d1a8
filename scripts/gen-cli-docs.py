#!/usr/bin/env python3
"""Man page and shell completions generated from the CLI's own definitions.

usage: gen-cli-docs.py [--binary BIN] --spec SPEC.json [--man F] [--bash F] [--zsh F] [--fish F]

SPEC.json is what `threatwright help --all --format json` prints: every command, option and
positional argument of the binary, with descriptions and allowed values. Nothing here names a
command or an option: a command added to the CLI appears in the man page and the completions
at the next build. Options that take a value and list no choices complete file names unless
their type is numeric.
"""
import argparse
import gzip
import json
import os
import re
import subprocess

NUMERIC = {"INT", "UINT", "FLOAT", "NUMBER", "SIZE"}


def walk(app, path=()):
    """(path, app) for the root and every command below it, depth first, in CLI order."""
    yield path, app
    for sub in app["commands"]:
        yield from walk(sub, path + (sub["name"],))


def value_kind(opt):
    """'none' (a flag), 'choices', 'number' or 'file'."""
    if not opt["takes_value"]:
        return "none"
    if opt["choices"]:
        return "choices"
    if opt["type"] in NUMERIC:
        return "number"
    return "file"


def positional_choices(spec, path, pos):
    """`help COMMAND` completes command names, a positional with choices (`export FORMAT`) its
    choices; other positionals complete files."""
    if path == ("help",) and pos["name"] == "COMMAND":
        return [c["name"] for c in spec["commands"] if c["name"] != "help"]
    return list(pos.get("choices") or [])


# ---------------------------------------------------------------- man page (man(7) macros)


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def synopsis(path, app):
    parts = ["threatwright"] + list(path)
    for p in app["positionals"]:
        name = p["name"] + (" ..." if p["repeatable"] else "")
        parts.append(name if p["required"] else "[" + name + "]")
    if app["options"]:
        parts.append("[OPTIONS]")
    if app["commands"]:
        parts.append("COMMAND")
    return " ".join(parts)


def man_option(opt):
    names = ", ".join("\\fB" + roff(f) + "\\fR" for f in opt["flags"]) or "\\fI" + roff(opt["name"]) + "\\fR"
    if opt["takes_value"]:
        if opt["choices"]:
            names += " \\fI" + roff("|".join(opt["choices"])) + "\\fR"
        else:
            names += " \\fI" + roff(opt["type"]) + "\\fR"
    desc = opt["description"]
    if opt["default"]:
        desc += " (default: " + opt["default"] + ")"
    if opt["repeatable"] and opt["flags"]:
        desc += " (repeatable)"
    return ".TP\n" + names + "\n" + roff(desc) + "\n"


def man_page(spec):
    out = []
    out.append('.TH THREATWRIGHT 1 "" "threatwright %s" "User Commands"\n' % roff(spec["version"]))
    out.append(".SH NAME\nthreatwright \\- " + roff(spec["description"].split(": ", 1)[-1]) + "\n")
    out.append(".SH SYNOPSIS\n")
    for path, app in walk(spec):
        if path:
            out.append(".B " + roff(synopsis(path, app)) + "\n.br\n")
    out.append(".B threatwright \\-\\-version\n")
    out.append(".SH DESCRIPTION\n" + roff(spec["description"]) + ".\n")
    out.append("This page is generated from the command line definitions of the binary "
               "(\\fBthreatwright help \\-\\-all\\fR prints the same as text).\n")
    root_opts = spec["options"]
    if root_opts:
        out.append(".SH OPTIONS\n")
        for o in root_opts:
            out.append(man_option(o))
    out.append(".SH COMMANDS\n")
    for path, app in walk(spec):
        if not path:
            continue
        out.append('.SS "' + roff(" ".join(path)) + '"\n')
        out.append(".B " + roff(synopsis(path, app)) + "\n.PP\n" + roff(app["description"]) + "\n")
        for p in app["positionals"]:
            out.append(man_option(p))
        groups = []
        for o in app["options"]:
            if o["group"] not in groups:
                groups.append(o["group"])
        for g in groups:
            if len(groups) > 1 or g != "Options":
                out.append(".PP\n\\fI" + roff(g) + ":\\fR\n")
            for o in app["options"]:
                if o["group"] == g:
                    out.append(man_option(o))
    footer = spec.get("footer", "").strip()
    if footer:
        # The footer is paragraphs of "HEADING:" followed by indented "NAME  text" lines.
        for block in footer.split("\n\n"):
            lines = block.split("\n")
            out.append(".SH " + roff(lines[0].rstrip(":").upper()) + "\n")
            for line in lines[1:]:
                m = re.match(r"\s+(\S+)\s{2,}(.*)", line)
                if m:
                    out.append(".TP\n.B " + roff(m.group(1)) + "\n" + roff(m.group(2)) + "\n")
                elif line.strip():
                    out.append(roff(line.strip()) + "\n")
    out.append(".SH SEE ALSO\nThe documentation in \\fI/usr/share/doc/threatwright/\\fR.\n")
    return "".join(out)


# ---------------------------------------------------------------- bash


def sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def bash(spec):
    key = lambda path: " ".join(path)
    subs, opts, values, positional = [], [], [], []
    for path, app in walk(spec):
        names = [c["name"] for c in app["commands"]]
        if names:
            subs.append("    %s) echo %s ;;\n" % (sh_quote(key(path)), sh_quote(" ".join(names))))
        flags = [f for o in app["options"] for f in o["flags"]]
        opts.append("    %s) echo %s ;;\n" % (sh_quote(key(path)), sh_quote(" ".join(flags))))
        for o in app["options"]:
            kind = value_kind(o)
            if kind == "none":
                continue
            v = " ".join(o["choices"]) if kind == "choices" else "@" + kind
            for f in o["flags"]:
                values.append("    %s) echo %s ;;\n" % (sh_quote(key(path) + "|" + f), sh_quote(v)))
        # Keyed by the number of positionals already given ("export|0" is FORMAT); the last
        # one also answers for any later position.
        n_pos = len(app["positionals"])
        for n, p in enumerate(app["positionals"]):
            ch = positional_choices(spec, path, p)
            pat = sh_quote(key(path) + "|" + str(n))
            if n == n_pos - 1:
                pat += "|" + sh_quote(key(path) + "|") + "*"
            positional.append("    %s) echo %s ;;\n" % (pat, sh_quote(" ".join(ch) if ch else "@file")))
    return """# bash completion for threatwright. Generated from `threatwright help --all --format json`
# by scripts/gen-cli-docs.py: do not edit.

# The subcommands of a command path ("" is the top level).
_threatwright_subcommands() {
  case "$1" in
%s    *) return 1 ;;
  esac
}

# The options of a command path.
_threatwright_options() {
  case "$1" in
%s  esac
}

# What the value of option $2 of command path $1 completes to: a word list, @file or @number.
# Fails when the option takes no value.
_threatwright_value() {
  case "$1|$2" in
%s    *) return 1 ;;
  esac
}

# What the positional arguments of a command path complete to.
_threatwright_positional() {
  case "$1" in
%s    *) return 1 ;;
  esac
}

_threatwright() {
  local cur=${COMP_WORDS[COMP_CWORD]} path="" i=1 w s v npos=0 sub
  COMPREPLY=()
  while [ "$i" -lt "$COMP_CWORD" ]; do
    w=${COMP_WORDS[i]}
    if [[ $w == -* ]]; then
      # An option that takes a value consumes the next word.
      _threatwright_value "$path" "$w" >/dev/null && i=$((i + 1))
    else
      sub=
      for s in $(_threatwright_subcommands "$path"); do
        if [ "$s" = "$w" ]; then
          path=${path:+$path }$w
          sub=1
          npos=0
          break
        fi
      done
      # A word that is no subcommand is a positional argument.
      [ -z "$sub" ] && npos=$((npos + 1))
    fi
    i=$((i + 1))
  done
  local prev=
  [ "$COMP_CWORD" -gt 1 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --format=VALUE: bash splits the word at '=' (COMP_WORDBREAKS).
  [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 2 ] && prev=${COMP_WORDS[COMP_CWORD - 2]}
  if [ -n "$prev" ] && v=$(_threatwright_value "$path" "$prev"); then
    case "$v" in
      @file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
      @number) ;;
      *) mapfile -t COMPREPLY < <(compgen -W "$v" -- "$cur") ;;
    esac
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_threatwright_options "$path")" -- "$cur")
    return 0
  fi
  if s=$(_threatwright_subcommands "$path"); then
    mapfile -t COMPREPLY < <(compgen -W "$s" -- "$cur")
    return 0
  fi
  if v=$(_threatwright_positional "$path|$npos"); then
    if [ "$v" = @file ]; then
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "$v" -- "$cur")
    fi
  fi
  return 0
}
complete -F _threatwright threatwright
""" % ("".join(subs), "".join(opts), "".join(values), "".join(positional))


# ---------------------------------------------------------------- zsh


def zsh_desc(s):
    """Text inside the [...] of an _arguments spec, in single quotes."""
    s = s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")
    return s.replace("'", "'\\''")


def zsh_fn(path):
    return "_threatwright" + "".join("_" + re.sub(r"[^A-Za-z0-9]", "_", p) for p in path)


def zsh(spec):
    fns = []
    for path, app in walk(spec):
        specs = []
        for o in app["options"]:
            kind = value_kind(o)
            action = ""
            if kind == "choices":
                action = ":%s:(%s)" % (o["name"].lstrip("-"), " ".join(o["choices"]))
            elif kind == "number":
                action = ":%s: " % o["name"].lstrip("-")
            elif kind == "file":
                action = ":%s:_files" % o["name"].lstrip("-")
            rep = "*" if o["repeatable"] else ""
            for f in o["flags"]:
                specs.append("'%s%s[%s]%s'" % (rep, f, zsh_desc(o["description"]), action))
        if app["commands"]:
            specs.append("'1: :->command'")
            specs.append("'*:: :->argument'")
        else:
            for n, p in enumerate(app["positionals"], 1):
                ch = positional_choices(spec, path, p)
                action = "(%s)" % " ".join(ch) if ch else "_files"
                pos = "*" if p["repeatable"] else str(n)
                specs.append("'%s:%s:%s'" % (pos, zsh_desc(p["name"]), action))
        body = "  _arguments -C -s \\\n    " + " \\\n    ".join(specs) + "\n" if specs else ""
        if app["commands"]:
            cmds = " \\\n    ".join(
                "'%s:%s'" % (c["name"], c["description"].replace("'", "'\\''").replace(":", "\\:"))
                for c in app["commands"])
            cases = "".join("      %s) %s ;;\n" % (c["name"], zsh_fn(path + (c["name"],)))
                            for c in app["commands"])
            body = ("  local curcontext=$curcontext state line ret=1\n  local -a commands\n"
                    "  commands=(\n    %s\n  )\n" % cmds + body.rstrip("\n") + " && ret=0\n"
                    "  case $state in\n"
                    "    command) _describe -t commands 'threatwright command' commands && ret=0 ;;\n"
                    "    argument)\n      case $words[1] in\n%s      esac\n      ;;\n  esac\n"
                    "  return ret\n" % cases)
        fns.append("%s() {\n%s}\n" % (zsh_fn(path), body or "  :\n"))
    return ("#compdef threatwright\n# zsh completion for threatwright. Generated from "
            "`threatwright help --all --format json`\n# by scripts/gen-cli-docs.py: do not edit.\n\n"
            + "\n".join(fns) + '\n_threatwright "$@"\n')


# ---------------------------------------------------------------- fish


def fish_quote(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(spec):
    out = ["# fish completion for threatwright. Generated from `threatwright help --all --format json`\n"
           "# by scripts/gen-cli-docs.py: do not edit.\n\n"
           "complete -c threatwright -f\n"]
    for path, app in walk(spec):
        if path:
            cond = "; and ".join("__fish_seen_subcommand_from %s" % p for p in path)
        else:
            cond = "__fish_use_subcommand"
        if path and app["commands"]:
            cond_here = cond + "; and not __fish_seen_subcommand_from " + " ".join(
                c["name"] for c in app["commands"])
        else:
            cond_here = cond
        for c in app["commands"]:
            out.append("complete -c threatwright -n %s -a %s -d %s\n" % (
                fish_quote(cond_here), c["name"], fish_quote(c["description"])))
        for o in app["options"]:
            args = []
            for f in o["flags"]:
                args.append(("-l " + f[2:]) if f.startswith("--") else ("-s " + f[1:]))
            kind = value_kind(o)
            if kind == "choices":
                args.append("-x -a " + fish_quote(" ".join(o["choices"])))
            elif kind == "number":
                args.append("-x")
            elif kind == "file":
                args.append("-r -F")
            if path:
                out.append("complete -c threatwright -n %s %s -d %s\n" % (
                    fish_quote(cond), " ".join(args), fish_quote(o["description"])))
            else:
                out.append("complete -c threatwright %s -d %s\n" % (" ".join(args),
                                                                    fish_quote(o["description"])))
        if path and app["positionals"] and not app["commands"]:
            ch = positional_choices(spec, path, app["positionals"][0])
            if ch:
                out.append("complete -c threatwright -n %s -a %s\n" % (fish_quote(cond),
                                                                      fish_quote(" ".join(ch))))
            else:
                out.append("complete -c threatwright -n %s -F\n" % fish_quote(cond))
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", help="run BINARY help --all --format json (else read --spec)")
    ap.add_argument("--spec", required=True, help="the JSON description (written with --binary)")
    ap.add_argument("--man")
    ap.add_argument("--bash")
    ap.add_argument("--zsh")
    ap.add_argument("--fish")
    ap.add_argument("--gzip", nargs="*", default=[],
                    help="files to compress reproducibly (gzip -9n) into --gzip-dir")
    ap.add_argument("--gzip-dir")
    a = ap.parse_args()
    if a.binary:
        text = subprocess.run([a.binary, "help", "--all", "--format", "json"], check=True,
                              capture_output=True, text=True,
                              env=dict(os.environ, NO_COLOR="1")).stdout
        with open(a.spec, "w", encoding="utf-8") as f:
            f.write(text)
    with open(a.spec, encoding="utf-8") as f:
        spec = json.load(f)
    for path, gen in ((a.man, man_page), (a.bash, bash), (a.zsh, zsh), (a.fish, fish)):
        if path:
            with open(path, "w", encoding="utf-8") as f:
                f.write(gen(spec))
    for path in a.gzip:
        out = os.path.join(a.gzip_dir or os.path.dirname(path), os.path.basename(path) + ".gz")
        with open(path, "rb") as f, open(out, "wb") as raw:
            # No name and no time stamp in the header: the same input gives the same bytes.
            with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as z:
                z.write(f.read())


if __name__ == "__main__":
    main()
