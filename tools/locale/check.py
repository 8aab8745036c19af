#!/usr/bin/env python3
"""Checks a locale's shop texts against English; prints a summary; exits 1 on any problem.

* Replies: every key of knowledge/responses/en.yaml is in <locale>.yaml, with the same
  {variables} and the same shape (a plural entry stays plural, with `one`, `other` and
  `zero` where English has them; src/dialogue/nlg.rs needs `one` and `other` in every
  plural entry). Extra keys are problems too (a typo'd key is never used).
* FAQ and policies, when knowledge/<locale>/ holds them (docs/knowledge.md, "Texts in other
  languages"): the same FAQ ids with the same `policy` links, every entry with a question,
  an answer and alternates; one policy file per English one, with the same `kind`, `terms`
  and `destinations` (the numbers the dialogue uses must not differ by language) and a
  title, summary and body.

    python3 tools/locale/check.py zh
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
        # A joiner (`*_join`) may be empty: Chinese writes words together (黑色羊毛袜子).
        joiner = key.endswith("_join")
        if not texts(theirs) or any(
            not isinstance(t, str) or (not t.strip() and not joiner) for t in texts(theirs)
        ):
            problems.append("%s: empty reply" % key)
        if variables(theirs) != variables(entry):
            problems.append("%s: variables %s, en has %s" % (
                key, sorted(variables(theirs)), sorted(variables(entry))))
    for key in other:
        if key not in en:
            problems.append("%s: not an en key" % key)
    print("%s.yaml: %d of %d en keys" % (locale, sum(k in other for k in en), len(en)))
    return problems


def english_faq():
    """(id, policy) of ../faq.yaml, read by line: PyYAML refuses some of its flow lists
    that serde_yaml (kefu's reader) accepts."""
    text = open(os.path.join(ROOT, "knowledge", "faq.yaml"), encoding="utf-8").read()
    entries = []
    for block in re.split(r"^- ", text, flags=re.M)[1:]:
        fid = re.search(r"^id: (\S+)", block, re.M)
        pol = re.search(r"^  policy: (\S+)", block, re.M)
        entries.append((fid.group(1), pol.group(1) if pol else None))
    return entries


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    parts = text.split("---\n", 2)
    if len(parts) != 3 or parts[0]:
        return None, ""
    return yaml.safe_load(parts[1]), parts[2]


def check_knowledge(locale):
    base = os.path.join(ROOT, "knowledge", locale)
    problems = []
    faq_path = os.path.join(base, "faq.yaml")
    if os.path.exists(faq_path):
        theirs = {e.get("id"): e for e in yaml.safe_load(open(faq_path, encoding="utf-8"))}
        en = english_faq()
        for fid, pol in en:
            e = theirs.get(fid)
            if e is None:
                problems.append("faq %s: missing" % fid)
                continue
            if e.get("policy") != pol:
                problems.append("faq %s: policy %r, en has %r" % (fid, e.get("policy"), pol))
            if not all(isinstance(e.get(k), str) and e[k].strip() for k in ("question", "answer")):
                problems.append("faq %s: empty question or answer" % fid)
            if not e.get("alternates"):
                problems.append("faq %s: no alternates" % fid)
        for fid in set(theirs) - {f for f, _ in en}:
            problems.append("faq %s: not an en id" % fid)
        print("%s/faq.yaml: %d of %d en entries" % (locale, sum(f in theirs for f, _ in en), len(en)))
    pol_dir = os.path.join(base, "policies")
    if os.path.isdir(pol_dir):
        en_dir = os.path.join(ROOT, "knowledge", "policies")
        names = sorted(os.listdir(en_dir))
        for name in names:
            path = os.path.join(pol_dir, name)
            if not os.path.exists(path):
                problems.append("policies/%s: missing" % name)
                continue
            fm, body = front_matter(path)
            en_fm, _ = front_matter(os.path.join(en_dir, name))
            if fm is None:
                problems.append("policies/%s: no front matter" % name)
                continue
            for k in ("kind", "terms", "destinations"):
                if fm.get(k) != en_fm.get(k):
                    problems.append("policies/%s: %s %r, en has %r" % (name, k, fm.get(k), en_fm.get(k)))
            if not (fm.get("title") and fm.get("summary") and body.strip()):
                problems.append("policies/%s: title, summary or body empty" % name)
        for name in set(os.listdir(pol_dir)) - set(names):
            problems.append("policies/%s: not an en policy" % name)
        print("%s/policies: %d of %d en policies" % (
            locale, sum(os.path.exists(os.path.join(pol_dir, n)) for n in names), len(names)))
    for kind in ("categories", "attributes"):
        path = os.path.join(base, kind + ".yaml")
        if not os.path.exists(path):
            continue
        en_text = open(os.path.join(ROOT, "knowledge", kind + ".yaml"), encoding="utf-8").read()
        en_ids = re.findall(r"^- id: (\S+)", en_text, re.M)
        entries = yaml.safe_load(open(path, encoding="utf-8"))
        ids = [e.get("id") for e in entries]
        for i in en_ids:
            if i not in ids:
                problems.append("%s %s: missing" % (kind, i))
        owner = {}
        for e in entries:
            if e.get("id") not in en_ids:
                problems.append("%s %s: not an en id" % (kind, e.get("id")))
            if ids.count(e.get("id")) > 1:
                problems.append("%s %s: listed twice" % (kind, e.get("id")))
            if not isinstance(e.get("name"), str) or not e["name"].strip():
                problems.append("%s %s: no name" % (kind, e.get("id")))
                continue
            for word in [e["name"]] + list(e.get("synonyms") or []):
                w = str(word).lower()
                if owner.setdefault(w, e["id"]) != e["id"]:
                    problems.append("%s: %r names both %s and %s" % (kind, word, owner[w], e["id"]))
        print("%s/%s.yaml: %d of %d en ids" % (locale, kind, sum(i in ids for i in en_ids), len(en_ids)))
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check.py LOCALE   (e.g. zh)")
    found = check(sys.argv[1]) + check_knowledge(sys.argv[1])
    for p in found:
        print("  " + p)
    if found:
        sys.exit(1)
    print("OK: nothing missing, every variable, plural form, FAQ link and policy term as in en")
