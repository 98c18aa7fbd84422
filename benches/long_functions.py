#!/usr/bin/env python3
"""Lists the Rust functions longer than a limit, counted from the line of `fn` to the line of
its closing brace, longest first.

    benches/long_functions.py [--max N] [PATH ...]    # default: --max 80 src

Prints `LINES path:first-last name`, one a function, then a count; exits 1 when any function is
longer than the limit. It reads the text only: strings, characters, comments and lifetimes are
skipped so that their braces do not count, which is enough for rustfmt-formatted code.
"""

import argparse
import os
import re
import sys

FN = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")


def strip(text):
    """`text` with comments, strings and character literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 260]) and not ident_before(text, i):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + len(hashes) + 2)
            j = n if end < 0 else end + 1 + len(hashes)
            out.append(blank(text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(blank(text[i:j + 1]))
            i = j + 1
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", text[i:i + 16])
            if m:
                out.append(" " * len(m.group(0)))
                i += len(m.group(0))
            else:  # a lifetime or label
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def ident_before(text, i):
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


def blank(s):
    return "".join("\n" if ch == "\n" else " " for ch in s)


def functions(text):
    """(name, first line, last line) of each function with a body."""
    code = strip(text)
    starts = [0]
    for k, ch in enumerate(code):
        if ch == "\n":
            starts.append(k + 1)

    def line_of(pos):
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    found = []
    for m in FN.finditer(code):
        # The body opens at the first `{` not inside the signature's parentheses or generics;
        # a `;` first means a declaration without a body.
        depth, j = 0, m.end()
        while j < len(code):
            ch = code[j]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif ch == ";" and depth == 0:
                j = -1
                break
            elif ch == "{" and depth == 0:
                break
            j += 1
        if j < 0 or j >= len(code):
            continue
        braces, k = 0, j
        while k < len(code):
            if code[k] == "{":
                braces += 1
            elif code[k] == "}":
                braces -= 1
                if braces == 0:
                    break
            k += 1
        found.append((m.group(1), line_of(m.start()), line_of(k)))
    return found


def rust_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".rs"):
                    yield os.path.join(root, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=80, help="longest allowed (lines)")
    parser.add_argument("paths", nargs="*", default=["src"])
    args = parser.parse_args()
    long = []
    for path in rust_files(args.paths):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for name, first, last in functions(text):
            lines = last - first + 1
            if lines > args.max:
                long.append((lines, path, first, last, name))
    long.sort(key=lambda row: (-row[0], row[1], row[2]))
    for lines, path, first, last, name in long:
        print(f"{lines:4} {path}:{first}-{last} {name}")
    print(f"{len(long)} function(s) over {args.max} lines")
    return 1 if long else 0


if __name__ == "__main__":
    sys.exit(main())
