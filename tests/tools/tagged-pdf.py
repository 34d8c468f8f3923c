#!/usr/bin/python3
# tagged-pdf.py: the document-level conditions of a tagged (PDF/UA-1) and
# archival (PDF/A-2a) PDF that clerk writes, read with a PDF object reader
# (pikepdf, over qpdf) and an XML parser, never with patterns over the
# file's bytes.
#
#   tagged-pdf.py PDF [XMP]    checks PDF; writes its XMP metadata to the
#                              file XMP when given (for xmllint)
#
# Prints one line per condition not met ("PDF: what") and exits 1 when
# any is; exits 2 when the file cannot be read. The structure tree's own
# rules (headings, tables, figures, Matterhorn) are another checker's; what
# is checked here: the header; the catalog (/Lang, /MarkInfo,
# /ViewerPreferences, /StructTreeRoot, /Metadata, /OutputIntents); /Tabs
# and /StructParents of every page; every text, path and image drawn
# inside one marked-content sequence, and each page's MCIDs those of its
# entry in the parent tree; link annotations printable, described and
# owned by an element; no soft mask, no LZW, no encryption; XMP that says
# what the info dictionary says.
import sys
import xml.etree.ElementTree as ET

import pikepdf

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
# operators that draw: text, paths, images and shadings
DRAW = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b",
        "b*", "Do", "sh", "BI"}

problems = []


def bad(what):
    problems.append(what)


def pdf_date(s):
    """D:YYYYMMDDHHmmSS+HH'mm' as (UTC seconds since the epoch)."""
    import calendar
    s = str(s)
    if not s.startswith("D:") or len(s) < 16:
        return None
    t = calendar.timegm((int(s[2:6]), int(s[6:8]), int(s[8:10]),
                         int(s[10:12]), int(s[12:14]), int(s[14:16])))
    tz = s[16:]
    if tz[:1] in "+-" and len(tz) >= 6:
        off = int(tz[1:3]) * 3600 + int(tz[4:6]) * 60
        t -= off if tz[0] == "+" else -off
    return t


def xmp_date(s):
    """YYYY-MM-DDTHH:MM:SS+HH:MM (or Z) as UTC seconds since the epoch."""
    import datetime
    s = s.strip().replace("Z", "+00:00")
    try:
        return int(datetime.datetime.fromisoformat(s).timestamp())
    except ValueError:
        return None


def check_header(path):
    with open(path, "rb") as f:
        head = f.read(64)
    lines = head.split(b"\n")
    if not lines[0].startswith(b"%PDF-1.7"):
        bad("header is %r, not %%PDF-1.7" % lines[0])
    if len(lines) < 2 or not lines[1].startswith(b"%") or \
            sum(1 for b in lines[1][1:5] if b >= 128) < 4:
        bad("no comment of four bytes >= 128 after the header")


def check_catalog(pdf):
    root = pdf.Root
    if str(root.get("/Lang", "")) != "en-GB":
        bad("/Lang is %r, not en-GB" % str(root.get("/Lang", "")))
    mi = root.get("/MarkInfo")
    if mi is None or mi.get("/Marked") is not True:
        bad("no /MarkInfo << /Marked true >>")
    vp = root.get("/ViewerPreferences")
    if vp is None or vp.get("/DisplayDocTitle") is not True:
        bad("no /ViewerPreferences << /DisplayDocTitle true >>")
    if "/Encrypt" in pdf.trailer:
        bad("encrypted")
    st = root.get("/StructTreeRoot")
    if st is None or st.get("/Type") != "/StructTreeRoot" or \
            "/K" not in st or "/ParentTree" not in st:
        bad("no /StructTreeRoot with /K and /ParentTree")
        return None
    return st


def parent_tree(st):
    """The parent tree's number tree, flattened: key -> value."""
    out = {}

    def walk(node):
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            walk(kid)
    walk(st.ParentTree)
    return out


def check_page_content(n, page, tree):
    """Every drawing operator inside exactly one marked-content sequence;
    the page's MCIDs 0, 1, ... those of its parent tree entry."""
    depth = 0
    mcids = []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            if depth > 0:
                bad("page %d: marked content nested in marked content" % n)
            depth += 1
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1]:
                mcids.append(int(operands[1].MCID))
        elif op == "EMC":
            depth -= 1
            if depth < 0:
                bad("page %d: EMC without BDC" % n)
                depth = 0
        elif op in DRAW and depth == 0:
            bad("page %d: %s outside marked content" % (n, op))
            return
    if depth != 0:
        bad("page %d: marked content left open" % n)
    if mcids != list(range(len(mcids))):
        bad("page %d: MCIDs not 0, 1, ...: %s" % (n, mcids[:20]))
    if not mcids:
        return
    key = page.obj.get("/StructParents")
    if key is None:
        bad("page %d: MCIDs but no /StructParents" % n)
    elif int(key) not in tree or len(tree[int(key)]) != len(mcids):
        bad("page %d: its parent tree entry does not hold its %d MCIDs"
            % (n, len(mcids)))


def check_pages(pdf, st):
    tree = parent_tree(st) if st is not None else {}
    for n, page in enumerate(pdf.pages, 1):
        if page.obj.get("/Tabs") != "/S":
            bad("page %d: no /Tabs /S" % n)
        if st is not None:
            check_page_content(n, page, tree)
        for a in page.obj.get("/Annots", []):
            if a.get("/Subtype") != "/Link":
                continue
            if int(a.get("/F", 0)) & 4 == 0:
                bad("page %d: link annotation not printable (/F 4)" % n)
            if not str(a.get("/Contents", "")):
                bad("page %d: link annotation without /Contents" % n)
            k = a.get("/StructParent")
            if k is None or int(k) not in tree:
                bad("page %d: link annotation without a structure "
                    "parent" % n)
    if st is not None:
        nk = st.get("/ParentTreeNextKey")
        if tree and (nk is None or int(nk) <= max(tree)):
            bad("/ParentTreeNextKey missing or not above every key")


def check_objects(pdf):
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        if obj.get("/Subtype") == "/Image" and "/SMask" in obj:
            bad("an image with a soft mask (transparency)")
        f = obj.get("/Filter")
        fs = [f] if isinstance(f, pikepdf.Name) else list(f or [])
        if "/LZWDecode" in fs:
            bad("an LZW-compressed stream")


def check_output_intent(pdf):
    ois = pdf.Root.get("/OutputIntents")
    if ois is None or len(ois) == 0:
        bad("no /OutputIntents")
        return
    oi = ois[0]
    if oi.get("/S") != "/GTS_PDFA1":
        bad("output intent /S is not /GTS_PDFA1")
    prof = oi.get("/DestOutputProfile")
    if prof is None or int(prof.get("/N", 0)) != 3:
        bad("output intent without an ICC profile of /N 3")
        return
    icc = prof.read_bytes()
    if len(icc) < 128 or icc[36:40] != b"acsp" or icc[16:20] != b"RGB ":
        bad("the output intent's profile is not an RGB ICC profile")


def one(root, path):
    """The text of the single element at path, or None."""
    e = root.find(path, NS)
    return None if e is None else (e.text or "")


def check_xmp(pdf, out):
    md = pdf.Root.get("/Metadata")
    if md is None:
        bad("no /Metadata")
        return
    if md.get("/Type") != "/Metadata" or md.get("/Subtype") != "/XML" or \
            "/Filter" in md:
        bad("/Metadata is not an uncompressed /Type /Metadata "
            "/Subtype /XML stream")
    data = md.read_bytes()
    if out:
        with open(out, "wb") as f:
            f.write(data)
    try:
        x = ET.fromstring(data)
    except ET.ParseError as e:
        bad("XMP does not parse: %s" % e)
        return
    info = pdf.docinfo
    d = ".//rdf:Description/"
    pairs = [
        ("/Title", d + "dc:title/rdf:Alt/rdf:li"),
        ("/Author", d + "dc:creator/rdf:Seq/rdf:li"),
        ("/Subject", d + "dc:description/rdf:Alt/rdf:li"),
        ("/Keywords", d + "pdf:Keywords"),
        ("/Creator", d + "xmp:CreatorTool"),
        ("/Producer", d + "pdf:Producer"),
    ]
    for key, path in pairs:
        want = str(info[key]) if key in info else None
        got = one(x, path)
        if want != got:
            bad("XMP %s is %r, the info dictionary's %s %r"
                % (path.split("/")[-1 if "rdf:li" not in path else -3],
                   got, key, want))
    for key, path in (("/CreationDate", d + "xmp:CreateDate"),
                      ("/ModDate", d + "xmp:ModifyDate")):
        want = pdf_date(info.get(key, ""))
        got = one(x, path)
        if want is None or got is None or xmp_date(got) != want:
            bad("XMP %s %r is not the info dictionary's %s %r"
                % (path, got, key, str(info.get(key, ""))))
    for path, want in ((d + "pdfaid:part", "2"),
                       (d + "pdfaid:conformance", "A"),
                       (d + "pdfuaid:part", "1")):
        if one(x, path) != want:
            bad("XMP %s is %r, not %s" % (path, one(x, path), want))
    uris = [e.text for e in x.iter("{%s}namespaceURI" % NS["pdfaSchema"])]
    if NS["pdfuaid"] not in uris:
        bad("XMP has no PDF/A extension schema for pdfuaid")


def main():
    path = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else None
    try:
        pdf = pikepdf.open(path)
    except Exception as e:  # noqa: BLE001
        print("%s: cannot be read: %s" % (path, e))
        return 2
    check_header(path)
    st = check_catalog(pdf)
    check_pages(pdf, st)
    check_objects(pdf)
    check_output_intent(pdf)
    check_xmp(pdf, out)
    for p in problems:
        print("%s: %s" % (path, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
