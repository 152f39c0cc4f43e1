#!/usr/bin/env python3
"""The first Csc command line of a build log of measure-precision.sh, made ready to run again by hand.

    csc-command.py BUILD_LOG WORK_DIR

Writes into WORK_DIR: args.rsp (the arguments less /noconfig, the error log and our analyzer, with the output and
reference assembly moved into WORK_DIR), csc (the compiler's path), folder (the project's folder, from the log's
CoreCompile target: relative paths are resolved from there) and analyzer (the StretchBindings analyzer the build
loaded, or nothing). Used by count-jit.sh and measure-compiler-overhead.sh.
"""
import re, shlex, sys
log, work = sys.argv[1], sys.argv[2]
text = open(log, encoding="utf-8", errors="replace").read()
match = re.search(r"^\s*(\S*/csc) (/noconfig .*)$", text, re.M)
if not match:
    sys.exit("error: no Csc command line in " + log)
project = re.findall(r'Target "CoreCompile" in file "[^"]+" from project "([^"]+)"', text[:match.start()])
folder = project[-1].rsplit("/", 1)[0] if project else "."
lines, analyzers = [], []
for arg in shlex.split(match.group(2)):
    if arg == "/noconfig" or arg.startswith("/errorlog:"):
        continue
    if arg.startswith("/out:"):
        arg = "/out:" + work + "/out.dll"
    if arg.startswith("/refout:"):
        arg = "/refout:" + work + "/ref.dll"
    if arg.startswith("/analyzer:") and "StretchBindings.Analyzers" in arg:
        analyzers.append(arg[len("/analyzer:"):])
        continue
    if ":" in arg and arg.startswith("/") and (" " in arg or "," in arg or ";" in arg):
        name, value = arg.split(":", 1)
        arg = '%s:"%s"' % (name, value)
    elif " " in arg or "," in arg:
        arg = '"%s"' % arg
    lines.append(arg)
open(work + "/args.rsp", "w").write("\n".join(lines) + "\n")
open(work + "/csc", "w").write(match.group(1))
open(work + "/folder", "w").write(folder)
open(work + "/analyzer", "w").write(analyzers[0] if analyzers else "")
