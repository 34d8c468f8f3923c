#!/usr/bin/python3
# pdfua.py PDF...: checks each PDF against the machine-checkable conditions
# of PDF/UA-1 (those of the Matterhorn Protocol that a program can decide)
# and of PDF/A-2a that clerk's PDFs must meet (README.md, "Accessibility
# and archiving"). The file is read with a real PDF object reader
# (pikepdf, on qpdf): the objects, the content streams parsed into
# operators, the XMP packet with an XML parser.
#
# Prints one line per failure, "FILE: page N: what" or "FILE: what" (a
# failure met many times on a page is printed once, with its count), then
# a summary line; exits 1 when anything failed, 2 when it cannot run.
#
# What it checks, in the order of check():
#   document  no /Encrypt; catalog /Lang, /MarkInfo /Marked true,
#             /ViewerPreferences /DisplayDocTitle true, /StructTreeRoot,
#             Info /Title; every page /Tabs /S.
#   content   every operator that paints (text Tj TJ ' ", paths S s f F
#             f* B B* b b*, Do, sh, inline images) is inside one marked-
#             content sequence with an MCID or inside an /Artifact one;
#             a tagged sequence never inside another tagged one or an
#             artifact, nor an artifact inside a tagged one; BDC/BMC and
#             EMC balanced; an MCID once on a page.
#   tree      every element's type standard or role-mapped to one; every
#             kid exists; each element's /P is its parent; every MCID of
#             every page resolves through /StructParents and /ParentTree
#             to exactly one element, which lists it in /K, and every MCID
#             an element lists is in its page's content; headings H1-H6
#             in reading order start at H1 and never go more than one
#             level deeper; Figure with a non-empty /Alt; TH with /Scope;
#             L > LI (or Caption) > Lbl/LBody (a Lbl also in TOCI), a
#             list with labels its /ListNumbering; Table > THead/TBody/TFoot > TR > TH/TD;
#             Note with /ID.
#   annots    every annotation but a Popup has a /StructParent that
#             resolves to an element owning it by an OBJR; a Link
#             annotation's element is a Link, and it has /Contents.
#   XMP       present, Type/Subtype right, parses; dc:title equals Info
#             /Title (and dc:creator /Author, dc:description /Subject,
#             pdf:Keywords /Keywords, xmp:CreatorTool /Creator when the
#             Info has them); xmp:CreateDate/ModifyDate the same instants
#             as /CreationDate /ModDate; pdf:Producer equals /Producer;
#             pdfaid:part 2, pdfaid:conformance A; pdfuaid:part 1 and
#             the PDF/A extension schema that describes pdfuaid.
#   colour    /OutputIntents: one /S /GTS_PDFA1 with an ICC profile
#             stream /DestOutputProfile, /N 3, an RGB display profile of
#             ICC version 4 or below.
#   fonts     every font used on a page (and in its forms) embedded
#             (FontFile, FontFile2 or FontFile3; a Type0's descendant
#             too); each with /ToUnicode or a standard encoding.
#   objects   no LZWDecode filter, no external stream (/F); no soft
#             mask (/SMask) on an image or in an ExtGState, no /CA or
#             /ca below 1, no transparency group; no JavaScript, no
#             /Launch (nor Sound, Movie, ImportData, ResetForm, Hide,
#             SetOCGState, Rendition, Trans, GoTo3DView) action, no /AA.
import datetime
import decimal
import os
import sys
import xml.etree.ElementTree as ET

try:
    import pikepdf
    from pikepdf import Array, Dictionary, Name, Stream
except ImportError:
    sys.stderr.write("pdfua.py: needs pikepdf (Debian: python3-pikepdf)\n")
    sys.exit(2)

# The operators that paint: text, paths (not n), XObjects, shadings.
PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b",
         "b*", "Do", "sh", "BI", "INLINE IMAGE"}

# The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4).
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI
    Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR
    TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link
    Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())

FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm",
                     "/ImportData", "/JavaScript", "/Hide", "/SetOCGState",
                     "/Rendition", "/Trans", "/GoTo3DView"}
STANDARD_ENCODINGS = {"/WinAnsiEncoding", "/MacRomanEncoding",
                      "/StandardEncoding", "/MacExpertEncoding"}

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


def q(name):
    """'dc:title' -> '{http://purl.org/dc/elements/1.1/}title'"""
    p, local = name.split(":")
    return "{%s}%s" % (NS[p], local)


def key(obj):
    """An identity for an indirect object (None for a direct one)."""
    og = getattr(obj, "objgen", (0, 0))
    return og if og != (0, 0) else None


def text(obj):
    """A PDF string as Python text ('' for anything else)."""
    if isinstance(obj, pikepdf.String):
        return str(obj)
    return ""


class Report:
    """The failures of one file, counted so that one printed per page."""

    def __init__(self, path):
        self.path = path
        self.seen = {}

    def add(self, what, page=None):
        k = (page or 0, what)
        self.seen[k] = self.seen.get(k, 0) + 1

    def lines(self):
        out = []
        for (page, what), n in sorted(self.seen.items()):
            where = "page %d: " % page if page else ""
            times = " (%d times)" % n if n > 1 else ""
            out.append("%s: %s%s%s" % (self.path, where, what, times))
        return out


# ---- the document --------------------------------------------------------
def check_document(pdf, r):
    root = pdf.Root
    if "/Encrypt" in pdf.trailer or pdf.is_encrypted:
        r.add("encrypted (/Encrypt in the trailer)")
    lang = root.get("/Lang")
    if not text(lang).strip():
        r.add("catalog: no /Lang")
    mark = root.get("/MarkInfo")
    if not isinstance(mark, Dictionary) or mark.get("/Marked") is not True:
        r.add("catalog: /MarkInfo /Marked is not true")
    vp = root.get("/ViewerPreferences")
    if not isinstance(vp, Dictionary) or vp.get("/DisplayDocTitle") is not True:
        r.add("catalog: /ViewerPreferences /DisplayDocTitle is not true")
    if not isinstance(root.get("/StructTreeRoot"), Dictionary):
        r.add("catalog: no /StructTreeRoot")
    info = pdf.trailer.get("/Info")
    if not isinstance(info, Dictionary) or not text(info.get("/Title")).strip():
        r.add("Info: no /Title")
    if "/AA" in root:
        r.add("catalog: /AA (additional actions)")
    names = root.get("/Names")
    if isinstance(names, Dictionary) and "/JavaScript" in names:
        r.add("catalog: /Names /JavaScript")
    for n, page in enumerate(pdf.pages, 1):
        if page.obj.get("/Tabs") != Name("/S"):
            r.add("/Tabs is not /S", n)
        if "/AA" in page.obj:
            r.add("page /AA (additional actions)", n)


# ---- the content streams -------------------------------------------------
def properties(page, operand):
    """A BDC's property list: inline, or named in /Resources /Properties."""
    if isinstance(operand, Dictionary):
        return operand
    if isinstance(operand, Name):
        res = page.obj.get("/Resources")
        props = res.get("/Properties") if isinstance(res, Dictionary) else None
        if isinstance(props, Dictionary):
            d = props.get(operand)
            if isinstance(d, Dictionary):
                return d
    return None


def check_content(page, n, r):
    """The MCIDs of the page's content, each once; checks the nesting."""
    try:
        ops = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError as e:
        r.add("content stream cannot be parsed: %s" % e, n)
        return set()
    stack = []  # "tag", "artifact" or "other" for each open sequence
    mcids = set()
    for op in ops:
        if isinstance(op, pikepdf.ContentStreamInlineImage):
            name = "INLINE IMAGE"
        else:
            name = str(op.operator)
        if name in ("BMC", "BDC"):
            tag = op.operands[0] if op.operands else None
            props = properties(page, op.operands[1]) if name == "BDC" \
                and len(op.operands) > 1 else None
            mcid = props.get("/MCID") if props is not None else None
            if tag == Name("/Artifact"):
                kind = "artifact"
                if "tag" in stack:
                    r.add("an /Artifact sequence inside a tagged one", n)
            elif isinstance(mcid, int):
                kind = "tag"
                if "tag" in stack:
                    r.add("a tagged sequence (MCID %d) inside another "
                          "tagged one" % mcid, n)
                if "artifact" in stack:
                    r.add("a tagged sequence (MCID %d) inside an "
                          "/Artifact" % mcid, n)
                if int(mcid) in mcids:
                    r.add("MCID %d marks two sequences" % mcid, n)
                mcids.add(int(mcid))
            else:
                kind = "other"
            stack.append(kind)
        elif name == "EMC":
            if stack:
                stack.pop()
            else:
                r.add("EMC with no sequence open", n)
        elif name in PAINT:
            if "tag" not in stack and "artifact" not in stack:
                r.add("%s outside any tagged or /Artifact sequence" % name, n)
    if stack:
        r.add("%d marked-content sequences left open" % len(stack), n)
    return mcids


# ---- the structure tree --------------------------------------------------
def number_tree(node, out, depth=0):
    """The entries of a number tree (the parent tree) into out."""
    if not isinstance(node, Dictionary) or depth > 32:
        return
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        for i in range(0, len(nums) - 1, 2):
            if isinstance(nums[i], int):
                out[int(nums[i])] = nums[i + 1]
    kids = node.get("/Kids")
    if isinstance(kids, Array):
        for k in kids:
            number_tree(k, out, depth + 1)


class Tree:
    """The structure tree walked in reading order (depth first)."""

    def __init__(self, pdf, r):
        self.r = r
        self.pages = {key(p.obj): i for i, p in enumerate(pdf.pages, 1)}
        self.owners = {}  # (page number, mcid) -> [element keys]
        self.objr = {}  # annotation key -> [element keys]
        self.order = []  # (role, element) in reading order
        root = pdf.Root.get("/StructTreeRoot")
        self.root = root if isinstance(root, Dictionary) else None
        self.rolemap = {}
        self.parents = {}
        if self.root is None:
            return
        rm = self.root.get("/RoleMap")
        if isinstance(rm, Dictionary):
            self.rolemap = {k: str(v) for k, v in rm.items()
                            if isinstance(v, Name)}
        number_tree(self.root.get("/ParentTree"), self.parents)
        if not isinstance(self.root.get("/ParentTree"), Dictionary):
            r.add("structure tree: no /ParentTree")
        self.walk()

    def role(self, s):
        seen = 0
        while s not in STANDARD and "/" + s in self.rolemap and seen < 16:
            s = self.rolemap["/" + s][1:]
            seen += 1
        return s

    def walk(self):
        r = self.r
        visited = set()
        # (kid object, parent element or None for the root, its page)
        todo = [(k, None, None) for k in reversed(self.kids(self.root))]
        while todo:
            obj, parent, pg = todo.pop()
            if isinstance(obj, int):
                self.own(int(obj), pg, parent)
                continue
            if not isinstance(obj, Dictionary):
                r.add("structure tree: a kid of %s is missing (%r)"
                      % (self.name(parent), type(obj).__name__))
                continue
            t = obj.get("/Type")
            if t == Name("/MCR"):
                mpg = obj.get("/Pg", pg)
                mcid = obj.get("/MCID")
                if not isinstance(mcid, int):
                    r.add("structure tree: an MCR of %s without /MCID" % self.name(parent))
                else:
                    self.own(int(mcid), mpg, parent)
                continue
            if t == Name("/OBJR"):
                a = obj.get("/Obj")
                if not isinstance(a, Dictionary) or key(a) is None:
                    r.add("structure tree: an OBJR of %s refers to nothing"
                          % self.name(parent))
                else:
                    self.objr.setdefault(key(a), []).append(key(parent))
                continue
            if not isinstance(obj.get("/S"), Name):
                r.add("structure tree: a kid of %s is no element (no /S)"
                      % self.name(parent))
                continue
            k = key(obj)
            if k in visited:
                r.add("structure tree: element %s reached twice" % self.name(obj))
                continue
            visited.add(k)
            want = parent if parent is not None else self.root
            if key(obj.get("/P")) != key(want) or obj.get("/P") is None:
                r.add("structure tree: the /P of %s is not its parent %s"
                      % (self.name(obj), self.name(parent)))
            s = str(obj.S)[1:]
            role = self.role(s)
            if role not in STANDARD:
                r.add("structure tree: type %s is not standard nor "
                      "role-mapped to a standard type" % s)
            self.order.append((role, obj, parent))
            epg = obj.get("/Pg", pg)
            for kid in reversed(self.kids(obj)):
                todo.append((kid, obj, epg))

    @staticmethod
    def kids(obj):
        k = obj.get("/K") if isinstance(obj, Dictionary) else None
        if k is None:
            return []
        if isinstance(k, Array):
            return list(k)
        return [k]

    def name(self, obj):
        if obj is None:
            return "the StructTreeRoot"
        s = obj.get("/S")
        og = key(obj)
        return "%s%s" % (str(s)[1:] if isinstance(s, Name) else "?",
                         " (object %d)" % og[0] if og else "")

    def own(self, mcid, pg, parent):
        if parent is None:
            self.r.add("structure tree: MCID %d is a kid of the root" % mcid)
            return
        n = self.pages.get(key(pg)) if isinstance(pg, Dictionary) else None
        if n is None:
            self.r.add("structure tree: MCID %d of %s has no page (/Pg)"
                       % (mcid, self.name(parent)))
            return
        self.owners.setdefault((n, mcid), []).append(key(parent))

    # -- the checks on the tree ----------------------------------------
    def check_mcids(self, pdf, page_mcids):
        r = self.r
        for n, page in enumerate(pdf.pages, 1):
            mcids = page_mcids.get(n, set())
            sp = page.obj.get("/StructParents")
            arr = self.parents.get(int(sp)) if isinstance(sp, int) else None
            if mcids and not isinstance(sp, int):
                r.add("marked content but no /StructParents", n)
            elif mcids and not isinstance(arr, Array):
                r.add("/StructParents %s has no array in the /ParentTree"
                      % sp, n)
            for m in sorted(mcids):
                owners = self.owners.get((n, m), [])
                el = arr[m] if isinstance(arr, Array) and m < len(arr) else None
                if not isinstance(el, Dictionary):
                    r.add("MCID %d has no parent in the /ParentTree" % m, n)
                elif key(el) not in owners:
                    r.add("MCID %d: its /ParentTree element %s does not "
                          "list it in /K" % (m, self.name(el)), n)
                if not owners:
                    r.add("MCID %d is owned by no structure element" % m, n)
                elif len(owners) > 1:
                    r.add("MCID %d is owned by %d structure elements"
                          % (m, len(owners)), n)
        for (n, m) in sorted(self.owners):
            if m not in page_mcids.get(n, set()):
                r.add("structure tree: MCID %d of page %d is not in its "
                      "content" % (m, n))

    def check_elements(self):
        r = self.r
        last = 0
        ids = set()
        for role, el, parent in self.order:
            name = self.name(el)
            prole = self.role(str(parent.S)[1:]) if parent is not None \
                else "(root)"
            kid_roles = [self.role(str(k.S)[1:]) for k in self.kids(el)
                         if isinstance(k, Dictionary) and
                         isinstance(k.get("/S"), Name)]
            if len(role) == 2 and role[0] == "H" and role[1] in "123456":
                level = int(role[1])
                if last == 0 and level != 1:
                    r.add("structure tree: the first heading is %s, not H1"
                          % role)
                elif level > last + 1 and last > 0:
                    r.add("structure tree: heading level skipped: %s after H%d"
                          % (role, last))
                last = level
            if role == "Figure" and not text(el.get("/Alt")).strip():
                r.add("structure tree: %s has no /Alt" % name)
            if role == "TH" and not self.scope(el):
                r.add("structure tree: %s has no /Scope" % name)
            if role == "L":
                for k in kid_roles:
                    if k not in ("LI", "Caption", "L"):
                        r.add("structure tree: %s under %s (L holds LI)"
                              % (k, name))
                if self.has_labels(el) and \
                        self.attr(el, "/ListNumbering") is None:
                    r.add("structure tree: %s has Lbl but no "
                          "/ListNumbering" % name)
            if role == "LI":
                for k in kid_roles:
                    if k not in ("Lbl", "LBody"):
                        r.add("structure tree: %s under %s (LI holds Lbl, "
                              "LBody)" % (k, name))
                if prole != "L":
                    r.add("structure tree: %s under %s, not L" % (name, prole))
            if role == "LBody" and prole != "LI":
                r.add("structure tree: %s under %s, not LI" % (name, prole))
            if role == "Lbl" and prole not in ("LI", "TOCI"):
                r.add("structure tree: %s under %s, not LI or TOCI"
                      % (name, prole))
            if role == "TR" and prole not in ("Table", "THead", "TBody",
                                              "TFoot"):
                r.add("structure tree: %s under %s, not a table" % (name, prole))
            if role in ("TH", "TD") and prole != "TR":
                r.add("structure tree: %s under %s, not TR" % (name, prole))
            if role in ("THead", "TBody", "TFoot") and prole != "Table":
                r.add("structure tree: %s under %s, not Table" % (name, prole))
            if role == "Table":
                for k in kid_roles:
                    if k not in ("TR", "THead", "TBody", "TFoot", "Caption"):
                        r.add("structure tree: %s under %s" % (k, name))
            if role == "Note":
                i = el.get("/ID")
                if not isinstance(i, pikepdf.String) or not bytes(i):
                    r.add("structure tree: %s has no /ID" % name)
                elif bytes(i) in ids:
                    r.add("structure tree: two Notes have the /ID %s" % i)
                else:
                    ids.add(bytes(i))

    @staticmethod
    def attrs(el):
        a = el.get("/A")
        if isinstance(a, Dictionary):
            return [a]
        if isinstance(a, Array):
            return [x for x in a if isinstance(x, Dictionary)]
        return []

    def attr(self, el, name):
        for a in self.attrs(el):
            if name in a:
                return a[name]
        return None

    def scope(self, el):
        s = self.attr(el, "/Scope")
        return s in (Name("/Row"), Name("/Column"), Name("/Both"))

    def has_labels(self, el):
        for li in self.kids(el):
            if isinstance(li, Dictionary) and li.get("/S") is not None:
                for k in self.kids(li):
                    if isinstance(k, Dictionary) and \
                            isinstance(k.get("/S"), Name) and \
                            self.role(str(k.S)[1:]) == "Lbl":
                        return True
        return False

    def check_annots(self, pdf):
        r = self.r
        for n, page in enumerate(pdf.pages, 1):
            annots = page.obj.get("/Annots")
            if not isinstance(annots, Array):
                continue
            for a in annots:
                if not isinstance(a, Dictionary):
                    continue
                sub = a.get("/Subtype")
                if sub == Name("/Popup"):
                    continue
                what = "a %s annotation" % str(sub)[1:]
                if "/AA" in a:
                    r.add("%s has /AA (additional actions)" % what, n)
                if sub == Name("/Link") and not text(a.get("/Contents")).strip():
                    r.add("%s has no /Contents" % what, n)
                sp = a.get("/StructParent")
                if not isinstance(sp, int):
                    r.add("%s has no /StructParent" % what, n)
                    continue
                el = self.parents.get(int(sp))
                if not isinstance(el, Dictionary) or \
                        not isinstance(el.get("/S"), Name):
                    r.add("%s: /StructParent %d is no element in the "
                          "/ParentTree" % (what, sp), n)
                    continue
                if key(el) not in self.objr.get(key(a), []):
                    r.add("%s: its element %s has no OBJR to it"
                          % (what, self.name(el)), n)
                if sub == Name("/Link") and self.role(str(el.S)[1:]) != "Link":
                    r.add("%s belongs to %s, not a Link element"
                          % (what, self.name(el)), n)


# ---- XMP -----------------------------------------------------------------
def pdf_date(s):
    """D:YYYYMMDDHHmmSSOHH'mm' -> an aware datetime (None if not one)."""
    s = s.strip()
    if s.startswith("D:"):
        s = s[2:]
    digits = ""
    i = 0
    while i < len(s) and s[i].isdigit() and len(digits) < 14:
        digits += s[i]
        i += 1
    if len(digits) < 4:
        return None
    digits = (digits + "0101000000"[len(digits) - 4:])[:14]
    try:
        d = datetime.datetime(int(digits[0:4]), int(digits[4:6]),
                              int(digits[6:8]), int(digits[8:10]),
                              int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return None
    rest = s[i:].replace("'", "")
    if rest in ("", "Z") or rest.startswith("Z"):
        return d.replace(tzinfo=datetime.timezone.utc)
    if rest[0] in "+-" and rest[1:3].isdigit():
        mins = int(rest[1:3]) * 60 + (int(rest[3:5]) if rest[3:5].isdigit()
                                      else 0)
        tz = datetime.timezone(datetime.timedelta(
            minutes=mins if rest[0] == "+" else -mins))
        return d.replace(tzinfo=tz)
    return None


def xmp_date(s):
    s = s.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        d = datetime.datetime.fromisoformat(s)
    except ValueError:
        return None
    return d if d.tzinfo is not None else None


class Xmp:
    def __init__(self, root):
        self.descs = root.iter(q("rdf:Description"))
        self.descs = list(self.descs)
        self.root = root

    def get(self, name):
        """A simple property's value, the first item of an array's."""
        qn = q(name)
        for d in self.descs:
            if qn in d.attrib:
                return d.attrib[qn]
            e = d.find(qn)
            if e is not None:
                li = e.find(".//" + q("rdf:li"))
                return (li.text if li is not None else e.text) or ""
        return None

    def items(self, name):
        qn = q(name)
        for d in self.descs:
            e = d.find(qn)
            if e is not None:
                return [(li.text or "") for li in e.iter(q("rdf:li"))]
            if qn in d.attrib:
                return [d.attrib[qn]]
        return None

    def has_pdfuaid_schema(self):
        """The extension schema that describes pdfuaid:part."""
        for li in self.root.iter(q("rdf:li")):
            uri = li.find(q("pdfaSchema:namespaceURI"))
            uri = uri.text if uri is not None else \
                li.attrib.get(q("pdfaSchema:namespaceURI"))
            if (uri or "").strip() != NS["pdfuaid"]:
                continue
            prefix = li.find(q("pdfaSchema:prefix"))
            prefix = prefix.text if prefix is not None else \
                li.attrib.get(q("pdfaSchema:prefix"))
            names = [(e.text or "").strip()
                     for e in li.iter(q("pdfaProperty:name"))]
            names += [e.attrib.get(q("pdfaProperty:name"), "")
                      for e in li.iter(q("rdf:li"))]
            if (prefix or "").strip() == "pdfuaid" and "part" in names:
                return True
        return False


def check_xmp(pdf, r):
    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, Stream):
        r.add("XMP: no /Metadata stream in the catalog")
        return
    if meta.get("/Type") != Name("/Metadata") or \
            meta.get("/Subtype") != Name("/XML"):
        r.add("XMP: the /Metadata stream is not /Type /Metadata /Subtype /XML")
    try:
        root = ET.fromstring(meta.read_bytes())
    except (ET.ParseError, pikepdf.PdfError) as e:
        r.add("XMP: does not parse: %s" % e)
        return
    x = Xmp(root)
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, Dictionary) else Dictionary()

    def same(xname, iname):
        iv = text(info.get(iname)) if iname in info else None
        xv = x.get(xname)
        if iv is None and xv is None:
            return
        if xv is None:
            r.add("XMP: no %s (Info %s is %r)" % (xname, iname, iv))
        elif iv is None:
            r.add("XMP: %s but no Info %s" % (xname, iname))
        elif xv != iv:
            r.add("XMP: %s %r differs from Info %s %r"
                  % (xname, xv, iname, iv))

    if x.get("dc:title") is None:
        r.add("XMP: no dc:title")
    same("dc:title", "/Title")
    if "/Author" in info:
        creators = x.items("dc:creator")
        if creators != [text(info.Author)]:
            r.add("XMP: dc:creator %r differs from Info /Author %r"
                  % (creators, text(info.Author)))
    same("dc:description", "/Subject")
    same("pdf:Keywords", "/Keywords")
    same("xmp:CreatorTool", "/Creator")
    same("pdf:Producer", "/Producer")
    for xname, iname in (("xmp:CreateDate", "/CreationDate"),
                         ("xmp:ModifyDate", "/ModDate")):
        xv, iv = x.get(xname), text(info.get(iname))
        if xv is None:
            r.add("XMP: no %s" % xname)
        elif not iv:
            r.add("XMP: %s but no Info %s" % (xname, iname))
        elif xmp_date(xv) is None or xmp_date(xv) != pdf_date(iv):
            r.add("XMP: %s %s is not the instant of Info %s %s"
                  % (xname, xv, iname, iv))
    for name, want in (("pdfaid:part", "2"), ("pdfaid:conformance", "A"),
                       ("pdfuaid:part", "1")):
        got = x.get(name)
        if (got or "").strip() != want:
            r.add("XMP: %s is %r, not %r" % (name, got, want))
    if not x.has_pdfuaid_schema():
        r.add("XMP: no PDF/A extension schema for pdfuaid")


# ---- output intent -------------------------------------------------------
def check_output_intent(pdf, r):
    ois = pdf.Root.get("/OutputIntents")
    ois = [o for o in ois if isinstance(o, Dictionary)] \
        if isinstance(ois, Array) else []
    pdfa = [o for o in ois if o.get("/S") == Name("/GTS_PDFA1")]
    if len(pdfa) != 1:
        r.add("/OutputIntents: %d with /S /GTS_PDFA1, not 1" % len(pdfa))
        return
    prof = pdfa[0].get("/DestOutputProfile")
    if not isinstance(prof, Stream):
        r.add("/OutputIntents: no ICC profile (/DestOutputProfile)")
        return
    if prof.get("/N") != 3:
        r.add("/OutputIntents: the ICC profile's /N is not 3")
    try:
        icc = prof.read_bytes()
    except pikepdf.PdfError as e:
        r.add("/OutputIntents: the ICC profile cannot be read: %s" % e)
        return
    if len(icc) < 128 or icc[36:40] != b"acsp" or icc[16:20] != b"RGB ":
        r.add("/OutputIntents: the profile is not an RGB ICC profile")
    elif icc[12:16] not in (b"mntr", b"prtr"):
        r.add("/OutputIntents: the profile is not a display or output one")
    elif icc[8] > 4:
        r.add("/OutputIntents: an ICC profile of version %d (PDF/A-2 reads "
              "up to 4)" % icc[8])


# ---- fonts ---------------------------------------------------------------
def check_fonts(pdf, r):
    seen = set()

    def resources(res, n, depth):
        if not isinstance(res, Dictionary) or depth > 8:
            return
        fonts = res.get("/Font")
        if isinstance(fonts, Dictionary):
            for fname, f in fonts.items():
                if isinstance(f, Dictionary) and key(f) not in seen:
                    if key(f) is not None:
                        seen.add(key(f))
                    font(f, fname, n)
        xo = res.get("/XObject")
        if isinstance(xo, Dictionary):
            for _, x in xo.items():
                if isinstance(x, Stream) and x.get("/Subtype") == Name("/Form") \
                        and key(x) not in seen:
                    seen.add(key(x))
                    resources(x.get("/Resources"), n, depth + 1)

    def embedded(fd):
        return isinstance(fd, Dictionary) and any(
            isinstance(fd.get(k), Stream)
            for k in ("/FontFile", "/FontFile2", "/FontFile3"))

    def font(f, fname, n):
        sub = f.get("/Subtype")
        what = "font %s (%s)" % (str(f.get("/BaseFont", fname))[1:],
                                 str(sub)[1:])
        if sub == Name("/Type3"):
            return
        if sub == Name("/Type0"):
            desc = f.get("/DescendantFonts")
            desc = desc[0] if isinstance(desc, Array) and len(desc) else None
            if not isinstance(desc, Dictionary) or \
                    not embedded(desc.get("/FontDescriptor")):
                r.add("%s not embedded" % what, n)
            if not isinstance(f.get("/ToUnicode"), Stream):
                r.add("%s has no /ToUnicode" % what, n)
            return
        if not embedded(f.get("/FontDescriptor")):
            r.add("%s not embedded" % what, n)
        enc = f.get("/Encoding")
        if isinstance(enc, Dictionary):
            enc = enc.get("/BaseEncoding")
        if not isinstance(f.get("/ToUnicode"), Stream) and \
                str(enc) not in STANDARD_ENCODINGS:
            r.add("%s has neither /ToUnicode nor a standard encoding" % what, n)

    for n, page in enumerate(pdf.pages, 1):
        resources(page.obj.get("/Resources"), n, 0)


# ---- every object --------------------------------------------------------
# Python's own values, which pikepdf gives for numbers and booleans, and
# the keys whose values are arrays of numbers: not worth a visit.
SCALARS = (int, float, bool, decimal.Decimal)
NUMBERS = {"/Widths", "/W", "/W2", "/FontBBox", "/MediaBox", "/CropBox",
           "/Rect", "/Border", "/Matrix", "/BBox", "/Differences"}


def check_objects(pdf, r):
    said = set()

    def once(what):
        if what not in said:
            said.add(what)
            r.add(what)

    def visit(obj, depth):
        if depth > 64:
            return
        if isinstance(obj, Stream):
            flt = obj.get("/Filter")
            flts = list(flt) if isinstance(flt, Array) else [flt]
            if Name("/LZWDecode") in flts:
                once("an LZWDecode filter")
            if "/F" in obj:
                once("an external stream (/F)")
            d = obj.stream_dict
            if d.get("/Subtype") == Name("/Image") and "/SMask" in d:
                once("an image with a soft mask (/SMask)")
            grp = d.get("/Group")
            if isinstance(grp, Dictionary) and \
                    grp.get("/S") == Name("/Transparency"):
                once("a transparency group (/Group /S /Transparency)")
            for k, v in d.items():
                if k not in NUMBERS and not isinstance(v, SCALARS) and \
                        key(v) is None:
                    visit(v, depth + 1)
            return
        if isinstance(obj, Dictionary):
            t = obj.get("/Type")
            if t == Name("/ExtGState") or "/ca" in obj or "/CA" in obj:
                sm = obj.get("/SMask")
                if sm is not None and sm != Name("/None"):
                    once("an ExtGState with a soft mask (/SMask)")
                for k in ("/CA", "/ca"):
                    v = obj.get(k)
                    if v is not None and float(v) < 1:
                        once("an ExtGState with %s %s (transparency)"
                             % (k[1:], v))
            grp = obj.get("/Group")
            if isinstance(grp, Dictionary) and \
                    grp.get("/S") == Name("/Transparency"):
                once("a transparency group (/Group /S /Transparency)")
            s = obj.get("/S")
            if isinstance(s, Name) and str(s) in FORBIDDEN_ACTIONS and \
                    t in (None, Name("/Action")):
                once("a %s action" % str(s)[1:])
            if "/JS" in obj:
                once("JavaScript (/JS)")
            for k, v in obj.items():
                if k not in NUMBERS and not isinstance(v, SCALARS) and \
                        key(v) is None:
                    visit(v, depth + 1)
        elif isinstance(obj, Array):
            for v in obj:
                if not isinstance(v, SCALARS) and key(v) is None:
                    visit(v, depth + 1)

    for obj in pdf.objects:
        visit(obj, 0)


# ---- a file --------------------------------------------------------------
def check(path):
    """The failure lines of one file."""
    r = Report(path)
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, pikepdf.PasswordError, OSError) as e:
        r.add("cannot be read: %s" % e)
        return r.lines()
    with pdf:
        check_document(pdf, r)
        page_mcids = {}
        for n, page in enumerate(pdf.pages, 1):
            page_mcids[n] = check_content(page, n, r)
        tree = Tree(pdf, r)
        if tree.root is not None:
            tree.check_mcids(pdf, page_mcids)
            tree.check_elements()
        tree.check_annots(pdf)
        check_xmp(pdf, r)
        check_output_intent(pdf, r)
        check_fonts(pdf, r)
        check_objects(pdf, r)
    return r.lines()


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: pdfua.py PDF...\n")
        return 2
    nfail = nfiles = 0
    for path in argv[1:]:
        lines = check(path)
        if lines:
            nfiles += 1
            nfail += len(lines)
            sys.stdout.write("\n".join(lines) + "\n")
            sys.stdout.flush()  # a file's lines in one write (xargs -P)
    print("pdfua: %d files, %d failing, %d failures"
          % (len(argv) - 1, nfiles, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
