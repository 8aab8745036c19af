#!/usr/bin/env python3
"""Checks that a reply locale is complete against English: every key of
knowledge/responses/en.yaml is in <locale>.yaml, with the same {variables} and the same
shape (a plural entry stays plural, with `one`, `other` and `zero` where English has them;
src/dialogue/nlg.rs needs `one` and `other` in every plural entry). Extra keys are problems
too (a typo'd key is never used). Prints a summary; exits 1 on any problem.

    python3 tools/responses/check_locale.py zh
"""
import os
import re
import sys

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VAR = re.compile(r"\{([a-z_]+)\}")


def load(locale):
    with open(os.path.join(ROOT, "knowledge", "responses", locale + ".yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def texts(entry):
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, list):
        return list(entry)
    return [t for forms in entry.values() for t in (forms if isinstance(forms, list) else [forms])]


def variables(entry):
    return {v for t in texts(entry) for v in VAR.findall(t)}


def check(locale):
    en, other = load("en"), load(locale)
    problems = []
    for key, entry in en.items():
        if key not in other:
            problems.append("%s: missing" % key)
            continue
        theirs = other[key]
        if isinstance(entry, dict):
            if not isinstance(theirs, dict):
                problems.append("%s: plural in en (%s), not in %s" % (key, "/".join(entry), locale))
            else:
                need = set(entry) | {"one", "other"}
                if set(theirs) != need:
                    problems.append("%s: forms %s, en needs %s" % (key, sorted(theirs), sorted(need)))
        elif isinstance(theirs, dict):
            problems.append("%s: plural in %s, not in en" % (key, locale))
        if not texts(theirs) or any(not isinstance(t, str) or not t.strip() for t in texts(theirs)):
            problems.append("%s: empty reply" % key)
        if variables(theirs) != variables(entry):
            problems.append("%s: variables %s, en has %s" % (
                key, sorted(variables(theirs)), sorted(variables(entry))))
    for key in other:
        if key not in en:
            problems.append("%s: not an en key" % key)
    print("%s.yaml: %d of %d en keys" % (locale, sum(k in other for k in en), len(en)))
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_locale.py LOCALE   (e.g. zh)")
    found = check(sys.argv[1])
    for p in found:
        print("  " + p)
    if found:
        sys.exit(1)
    print("OK: every key, variable and plural form is there")
