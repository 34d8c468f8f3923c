#!/usr/bin/env python3
# pdfnav.py: what a PDF offers to move about in it, read from qpdf's JSON
# (qpdf --json) with a JSON reader, one item a line, fields split by tabs.
#
#   pdfnav.py links PDF    every link annotation that leads into the file,
#                          in page order and, on a page, in the order of
#                          its /Annots: the page it stands on, the page its
#                          destination (/Dest, or /A with /D) resolves to
#                          (pages counted from 1; "?" when the destination
#                          is not a page of the file), and the words
#                          pdftotext finds inside its rectangle.
#   pdfnav.py outline PDF  every bookmark, depth first: its depth (1 at the
#                          top), the page it leads to, its title.
#   pdfnav.py labels PDF   every page label range: the index of its first
#                          page (from 0), its style, its start number.
#   pdfnav.py xrefs PDF FIRST MD...
#                          checks the cross-references ("[](#label)") of
#                          the Markdown papers, in the order given, against
#                          the links that lead into the file from page
#                          FIRST on, in their order: as many links as
#                          references, and each link's words are a
#                          paragraph number N (with the punctuation after
#                          it) and its destination page holds "N." then
#                          the first words of the paragraph labelled.
#                          Prints each mismatch and exits 1.
#
# Exits 2 when qpdf cannot read the file.
import json
import re
import subprocess
import sys

REF = re.compile(r"^\d+ \d+ R$")


def qpdf_json(pdf):
    r = subprocess.run(["qpdf", "--json=2", pdf], capture_output=True)
    if r.returncode not in (0, 3):
        sys.stderr.write(r.stderr.decode(errors="replace"))
        sys.exit(2)
    return json.loads(r.stdout)


def words(pdf):
    """{page from 1: [(x0, y0, x1, y1, word)]}, y from the top of the page,
    with each page's height."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"],
                         capture_output=True).stdout.decode()
    pages, heights = {}, {}
    n = 0
    for line in out.splitlines():
        m = re.match(r'\s*<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            n += 1
            pages[n] = []
            heights[n] = float(m.group(2))
            continue
        m = re.match(r'\s*<word xMin="([\d.]+)" yMin="([\d.]+)" '
                     r'xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            w = m.group(5)
            for a, b in (("&quot;", '"'), ("&apos;", "'"), ("&lt;", "<"),
                         ("&gt;", ">"), ("&amp;", "&")):
                w = w.replace(a, b)
            pages[n].append(tuple(float(m.group(i)) for i in range(1, 5))
                            + (w,))
    return pages, heights


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("links", "outline",
                                                "labels", "xrefs"):
        sys.stderr.write("usage: pdfnav.py links|outline|labels PDF\n"
                         "       pdfnav.py xrefs PDF FIRST MD...\n")
        sys.exit(2)
    mode, pdf = sys.argv[1], sys.argv[2]
    d = qpdf_json(pdf)
    objs = d["qpdf"][1]

    def deref(v):
        while isinstance(v, str) and REF.match(v):
            v = objs.get("obj:" + v, {}).get("value")
        return v

    if mode == "outline":
        def walk(items, depth):
            for o in items:
                print("%d\t%s\t%s" % (depth, o.get("destpageposfrom1", "?"),
                                      o["title"]))
                walk(o.get("kids", []), depth + 1)
        walk(d["outlines"], 1)
        return
    if mode == "labels":
        for pl in d["pagelabels"]:
            lab = pl["label"]
            print("%d\t%s\t%s" % (pl["index"], lab.get("/S", ""),
                                  lab.get("/St", "")))
        return

    links = internal_links(d, objs, deref, pdf)
    if mode == "links":
        for src, to, text in links:
            print("%d\t%s\t%s" % (src, to, text))
        return
    sys.exit(xrefs(pdf, links, int(sys.argv[3]), sys.argv[4:]))


def internal_links(d, objs, deref, pdf):
    """[(page, destination page or "?", words)] of the links into the
    file."""
    out = []
    index = {p["object"]: i + 1 for i, p in enumerate(d["pages"])}
    text, heights = words(pdf)
    for i, p in enumerate(d["pages"]):
        src = i + 1
        page = deref(objs["obj:" + p["object"]]["value"])
        for a in deref(page.get("/Annots")) or []:
            a = deref(a)
            if a.get("/Subtype") != "/Link":
                continue
            dest = deref(a.get("/Dest"))
            if dest is None:
                act = deref(a.get("/A")) or {}
                if act.get("/S") != "/GoTo":
                    continue  # a web link
                dest = deref(act.get("/D"))
            to = "?"
            if isinstance(dest, list) and dest and dest[0] in index:
                to = index[dest[0]]
            x0, y0, x1, y1 = (float(v) for v in deref(a["/Rect"]))
            h = heights.get(src, 0)
            inside = [w[4] for w in text.get(src, [])
                      if x0 <= (w[0] + w[2]) / 2 <= x1
                      and y0 <= h - (w[1] + w[3]) / 2 <= y1]
            out.append((src, to, " ".join(inside)))
    return out


def flat(s):
    return " ".join(s.split())


def xrefs(pdf, links, first, papers):
    """Checks the references of papers against links from page first on;
    0 when all are right, else 1."""
    want = []  # (paper, label, first words of the labelled paragraph)
    for md in papers:
        src = open(md, encoding="utf-8").read()
        for label in re.findall(r"\]\(#([^)\s]+)\)", src):
            m = re.search(r"\{#" + re.escape(label) + r"\}[ \t]*((?:.+\n?)+)",
                          src)
            if m is None:
                print("%s: no paragraph labelled {#%s}" % (md, label))
                return 1
            want.append((md, label, " ".join(m.group(1).split()[:4])))
    got = [ln for ln in links if ln[0] >= first]
    bad = 0
    if len(got) != len(want):
        print("%d cross-references in the papers, %d links from page %d on: %s"
              % (len(want), len(got), first, got))
        bad = 1
    pages = {}
    for (md, label, words), (src, to, text) in zip(want, got):
        n = text.rstrip(";,.:)")
        if not re.fullmatch(r"\d+(\.\d+)*", n):
            print("%s #%s: the link on page %d reads \"%s\", not a number"
                  % (md, label, src, text))
            bad = 1
            continue
        if to == "?":
            print("%s #%s: the link on page %d leads nowhere"
                  % (md, label, src))
            bad = 1
            continue
        if to not in pages:
            pages[to] = flat(subprocess.run(
                ["pdftotext", "-layout", "-f", str(to), "-l", str(to), pdf,
                 "-"], capture_output=True).stdout.decode())
        if (" " + n + ". " + words) not in " " + pages[to]:
            print("%s #%s: the link on page %d (\"%s\") leads to page %s, "
                  "which does not hold \"%s. %s\"" % (md, label, src, text,
                                                     to, n, words))
            bad = 1
    return bad


main()
