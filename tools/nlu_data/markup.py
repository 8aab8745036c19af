"""Markup `[value](slot)` -> plain text + character-offset slots.

Source line format (used in src_*.py):
    optional sentiment prefix: "+ " positive, "- " negative, "= " neutral
    (no prefix -> labels.DEFAULT_SENTIMENT[intent]); then the sentence with
    slot spans written as [value](slot_name).
"""
import re

SPAN = re.compile(r"\[([^\[\]]+)\]\(([a-z_]+)\)")


def parse(marked):
    """Return (text, slots) where slots = [{slot, value, start, end}] in code points."""
    out = []
    slots = []
    pos = 0
    length = 0
    for m in SPAN.finditer(marked):
        before = marked[pos:m.start()]
        if "[" in before or "]" in before:
            raise ValueError("stray bracket in: %r" % marked)
        out.append(before)
        length += len(before)
        value, slot = m.group(1), m.group(2)
        slots.append({"slot": slot, "value": value, "start": length, "end": length + len(value)})
        out.append(value)
        length += len(value)
        pos = m.end()
    rest = marked[pos:]
    if "[" in rest or "]" in rest:
        raise ValueError("stray bracket in: %r" % marked)
    out.append(rest)
    return "".join(out), slots


def skeleton(marked_or_example):
    """Template skeleton: slot values replaced by their slot names, lowercased."""
    if isinstance(marked_or_example, dict):
        ex = marked_or_example
        text = ex["text"]
        parts = []
        pos = 0
        for s in sorted(ex["slots"], key=lambda s: s["start"]):
            parts.append(text[pos:s["start"]])
            parts.append("<%s>" % s["slot"])
            pos = s["end"]
        parts.append(text[pos:])
        return " ".join("".join(parts).lower().split())
    return " ".join(SPAN.sub(lambda m: "<%s>" % m.group(2), marked_or_example).lower().split())


def split_sentiment(line, intent, defaults):
    if line.startswith("+ "):
        return "positive", line[2:].strip()
    if line.startswith("- "):
        return "negative", line[2:].strip()
    if line.startswith("= "):
        return "neutral", line[2:].strip()
    return defaults[intent], line.strip()


def iter_block(block):
    """Yield non-empty lines of a source block; lines starting with // are comments."""
    for raw in block.split("\n"):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        yield line
