#!/usr/bin/env python3
# structtree.py POPPLER PDFJS: compares two readings of one PDF's
# structure tree: POPPLER, the output of poppler's pdfinfo -struct-text
# (the whole tree), and PDFJS, that of tests/pdfjs/tree.mjs (pdf.js's
# getStructTree, one tree per page). Each is read as the sequence of its
# leaves in reading order: each marked-content kid with its text and each
# annotation kid ("Object"), with the roles of the elements above it
# (Document/L/LI/Lbl). A run of text leaves under the same roles is
# joined (an element that goes on over a page break is one leaf in
# poppler's tree and one per page in pdf.js's), and text is compared with
# its white space left out (the two extract spaces differently). The
# roles and the text must be the same, leaf for leaf; alt text is not
# compared (pdfinfo does not print it). Prints the first difference and
# exits 1; exits 0 when the trees agree.
#   --nonempty   also fails when the trees have no leaf at all
import sys


def leaves(lines, pdfjs):
    """[(path, text)] in order; text None for an annotation."""
    out = []
    stack = []  # (indent, role)
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if pdfjs and line.startswith("page "):
            stack = []
            continue
        indent = len(line) - len(line.lstrip(" "))
        s = line.strip()
        if s.startswith('"'):
            leaf = s[1:-1] if s.endswith('"') and len(s) > 1 else s[1:]
        elif s.startswith("/"):
            continue  # poppler: an attribute of the element above
        elif s == "Object" or s.startswith("Object "):
            leaf = None
        else:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, s.split()[0].rstrip(":")))
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = "/".join(r for _, r in stack)
        if leaf is not None:
            leaf = "".join(leaf.replace('\\"', '"').split())
            if out and out[-1][0] == path and out[-1][1] is not None:
                out[-1] = (path, out[-1][1] + leaf)
                continue
        out.append((path, leaf))
    return out


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.stderr.write("usage: structtree.py [--nonempty] POPPLER PDFJS\n")
        return 2
    with open(args[0], encoding="utf-8") as f:
        a = leaves(f, False)
    with open(args[1], encoding="utf-8") as f:
        b = leaves(f, True)
    if "--nonempty" in argv and not a and not b:
        print("no structure tree: neither reader finds a leaf")
        return 1
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else ("(none)", "")
        y = b[i] if i < len(b) else ("(none)", "")
        if x != y:
            show = lambda t: "%s %s" % (t[0], "Object" if t[1] is None
                                        else '"%s"' % t[1][:80])
            print("leaf %d of %d/%d differs:\n  poppler: %s\n  pdf.js:  %s"
                  % (i + 1, len(a), len(b), show(x), show(y)))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
