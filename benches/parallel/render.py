#!/usr/bin/env python3
"""Render the parallel foreign-ministry set (mfa_articles.json) as plain-text transcripts.

    benches/parallel/render.py IN_JSON OUT_DIR

Each record becomes two files, printed the way the two ministry sites print a regular press
conference: OUT_DIR/en/<date>.txt and OUT_DIR/zh/<date>.txt. OUT_DIR/truth.jsonl says, for
every rendered paragraph, who speaks and in which role, so that a parser's attribution can be
measured against it.

English: the title, a date line ("July 28, 2026"), then `<outlet>: <question>` and
`<spokesperson>: <answer>` paragraphs. Chinese: the title, then `<outlet>记者：<question>` and
`<spokesperson>：<answer>`. Paragraphs are separated by a blank line; the text of each
question and answer is kept byte for byte (including the scrape's own defects), except where
noted below.

Questioner values that are not outlets are rendered as the sites print them:
- "The following question was raised after the press conference" / "会后有记者问及": a note
  line with that text, then the question under the generic label `Q:` / `问：`.
- "Updated" (the page's update stamp, picked up by the scrape as a label): the question field
  holds "<stamp> <announcement> <Outlet>: <question>"; it is printed as a note line
  `Updated: <stamp>`, the spokesperson's announcement as an unlabelled paragraph (as the
  site opens a briefing with announcements), then `<Outlet>: <question>`.
- An answer whose end holds another outlet's question (`… Please stay tuned. People’s Daily:
  Can you brief us …`: the English scrape lost that question's answer and glued the question
  to the previous answer) is printed as the answer, then that question as its own paragraph.

truth.jsonl, one line per rendered paragraph, in file order:
  file, lang, date, pair_index (index into en_pairs / cn_pairs), paragraph (1-based order
  in the file, title and date line not counted), kind (question | answer | remarks | note),
  speaker_or_outlet (the spokesperson for answers and remarks, the outlet label as printed
  for questions, null for `Q:`/`问：` and notes), text (as printed after the label),
  and `embedded: true` for a question cut out of the end of an answer.
"""

import json
import os
import re
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

AFTER_EN = "The following question was raised after the press conference"
AFTER_ZH = "会后有记者问及"
UPDATED = "Updated"

# "June 03, 2026 20:09 " at the start of an "Updated" question.
STAMP = re.compile(r"^([A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2}) ")
# An outlet label inside a text, right after a sentence end: "… to 6. People’s Daily: On …".
EMBEDDED_LABEL = re.compile(r"(?<=[.?!”]) ((?:[A-Z][\w’'.&-]*)(?: [A-Z][\w’'.&-]*){0,4}): ")


def en_date(iso):
    y, m, d = iso.split("-")
    return f"{MONTHS[int(m) - 1]} {int(d)}, {y}"


def split_embedded(text):
    """(head, outlet, question) when `text` ends with another outlet's question, else None."""
    matches = list(EMBEDDED_LABEL.finditer(text))
    if not matches:
        return None
    m = matches[-1]
    return text[: m.start()].rstrip(), m.group(1), text[m.end():]


class Transcript:
    def __init__(self, lang, date, rel):
        self.lang, self.date, self.rel = lang, date, rel
        self.lines = []
        self.truth = []

    def head(self, line):
        self.lines.append(line)

    def para(self, pair_index, kind, who, label, text, **extra):
        colon = "：" if self.lang == "zh" else ": "
        self.lines.append(f"{label}{colon}{text}" if label else text)
        if kind is not None:
            row = {"file": self.rel, "lang": self.lang, "date": self.date,
                   "pair_index": pair_index, "paragraph": len(self.truth) + 1, "kind": kind,
                   "speaker_or_outlet": who, "text": text}
            row.update(extra)
            self.truth.append(row)

    def note(self, pair_index, text):
        self.para(pair_index, "note", None, None, text)


def render_en(rec, rel):
    t = Transcript("en", rec["date"], rel)
    t.head(rec["en_title"])
    t.head(en_date(rec["date"]))
    for i, p in enumerate(rec["en_pairs"]):
        q, who, sp = p["question"], p["questioner"], p["spokesperson"]
        if who == AFTER_EN:
            t.note(i, who)
            t.para(i, "question", None, "Q", q)
        elif who == UPDATED and STAMP.match(q):
            stamp = STAMP.match(q)
            rest = q[stamp.end():]
            t.note(i, f"{UPDATED}: {stamp.group(1)}")
            cut = split_embedded(rest)
            if cut:
                announcement, outlet, question = cut
                t.para(i, "remarks", sp, None, announcement)
                t.para(i, "question", outlet, outlet, question)
            else:
                t.para(i, "question", None, None, rest)
        else:
            t.para(i, "question", who, who, q)
        cut = split_embedded(p["answer"])
        if cut:
            answer, outlet, question = cut
            t.para(i, "answer", sp, sp, answer)
            t.para(i, "question", outlet, outlet, question, embedded=True)
        else:
            t.para(i, "answer", sp, sp, p["answer"])
    return t


def render_zh(rec, rel):
    t = Transcript("zh", rec["date"], rel)
    t.head(rec["cn_title"])
    for i, p in enumerate(rec["cn_pairs"]):
        who, sp = p["questioner"], p["spokesperson"]
        if who == AFTER_ZH:
            t.note(i, who)
            t.para(i, "question", None, "问", p["question"])
        else:
            t.para(i, "question", who, who, p["question"])
        t.para(i, "answer", sp, sp, p["answer"])
    return t


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: render.py IN_JSON OUT_DIR")
    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        records = json.load(f)
    truth = []
    for lang, render in (("en", render_en), ("zh", render_zh)):
        os.makedirs(os.path.join(out, lang), exist_ok=True)
        for rec in records:
            rel = f"{lang}/{rec['date']}.txt"
            t = render(rec, rel)
            with open(os.path.join(out, rel), "w", encoding="utf-8") as f:
                f.write("\n\n".join(t.lines) + "\n")
            truth.extend(t.truth)
    with open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as f:
        for row in truth:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"rendered {len(records)} records as {2 * len(records)} transcripts, "
          f"{len(truth)} paragraphs in truth.jsonl", file=sys.stderr)


if __name__ == "__main__":
    main()
