#!/usr/bin/env python3
# pdfwords.py: the words of a PDF's pages where a reader shows them, read
# with poppler (pdftotext -bbox -cropbox: word boxes in points in the crop
# box, what a reader shows, the page turned by
# its /Rotate as a reader shows it, y from the top; pdfinfo: the turn).
#
#   pdfwords.py same SRC SP OUT OP
#       page SP of SRC is on page OUT OP as it is: the same shown size
#       (to 0.5 pt), and every word of it on that page, at the same place
#       (each edge to 0.5 pt). Words OUT adds (stamps, page numbers) are
#       allowed. Prints what differs and exits 1.
#   pdfwords.py where PDF PAGE PHRASE
#       the box of the first run of words on page PAGE reading PHRASE:
#       "x0 y0 x1 y1 width height" (the last two the page's), or nothing
#       and exit 1 when none reads it, or when another word of the page
#       overlaps that box (it is not readable).
import re
import subprocess
import sys

TOL = 0.5


def read(pdf, page):
    """(width, height, [(x0, y0, x1, y1, word)]) of page (from 1)."""
    out = subprocess.run(["pdftotext", "-bbox", "-cropbox", "-f", str(page), "-l",
                          str(page), pdf, "-"], capture_output=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr.decode(errors="replace"))
        sys.exit(2)
    w = h = None
    words = []
    for line in out.stdout.decode().splitlines():
        m = re.match(r'\s*<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            w, h = float(m.group(1)), float(m.group(2))
            continue
        m = re.match(r'\s*<word xMin="([\d.]+)" yMin="([\d.]+)" '
                     r'xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            words.append(tuple(float(m.group(i)) for i in range(1, 5))
                         + (m.group(5),))
    if w is None:
        sys.stderr.write("%s has no page %d\n" % (pdf, page))
        sys.exit(2)
    # pdftotext gives the page's size unturned (its words turned):
    # pdfinfo says by how much a reader turns it
    info = subprocess.run(["pdfinfo", "-f", str(page), "-l", str(page),
                           pdf], capture_output=True).stdout.decode()
    m = re.search(r"^Page +%d rot: +(\d+)" % page, info, re.M)
    if m and int(m.group(1)) % 180 == 90:
        w, h = h, w
    return w, h, words


def same(src, sp, out, op):
    sw, sh, swords = read(src, sp)
    ow, oh, owords = read(out, op)
    bad = 0
    if abs(sw - ow) > TOL or abs(sh - oh) > TOL:
        print("%s page %d is shown %gx%g, %s page %d %gx%g"
              % (src, sp, sw, sh, out, op, ow, oh))
        bad = 1
    if not swords:
        print("%s page %d has no words to compare" % (src, sp))
        return 1
    for w in swords:
        if not any(o[4] == w[4] and
                   all(abs(o[i] - w[i]) <= TOL for i in range(4))
                   for o in owords):
            near = [o for o in owords if o[4] == w[4]]
            print("%s page %d: \"%s\" at (%.1f, %.1f) is not at that place "
                  "on %s page %d%s" % (src, sp, w[4], w[0], w[1], out, op,
                                      " (it is at " + ", ".join(
                                          "(%.1f, %.1f)" % (o[0], o[1])
                                          for o in near[:3]) + ")"
                                      if near else " (nowhere)"))
            bad = 1
    return bad


def where(pdf, page, phrase):
    w, h, words = read(pdf, page)
    want = phrase.split()
    for i in range(len(words) - len(want) + 1):
        run = words[i:i + len(want)]
        if [x[4] for x in run] == want:
            box = (min(x[0] for x in run), min(x[1] for x in run),
                   max(x[2] for x in run), max(x[3] for x in run))
            over = [o[4] for j, o in enumerate(words)
                    if not i <= j < i + len(want)
                    and o[0] < box[2] - TOL and o[2] > box[0] + TOL
                    and o[1] < box[3] - TOL and o[3] > box[1] + TOL]
            if over:
                sys.stderr.write("\"%s\" on page %d is overlapped by %s\n"
                                 % (phrase, page, " ".join(over[:5])))
                return 1
            print("%.1f %.1f %.1f %.1f %.1f %.1f" % (box + (w, h)))
            return 0
    return 1


def main():
    a = sys.argv
    if len(a) == 6 and a[1] == "same":
        sys.exit(same(a[2], int(a[3]), a[4], int(a[5])))
    if len(a) == 5 and a[1] == "where":
        sys.exit(where(a[2], int(a[3]), a[4]))
    sys.stderr.write("usage: pdfwords.py same SRC SP OUT OP\n"
                     "       pdfwords.py where PDF PAGE PHRASE\n")
    sys.exit(2)


main()
