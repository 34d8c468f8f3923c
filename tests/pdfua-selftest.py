#!/usr/bin/python3
# pdfua-selftest.py: proves that tests/pdfua.py can fail. It makes, with
# pikepdf, a small tagged PDF/UA-1 and PDF/A-2a file (one page, Liberation
# Sans embedded, headings, a paragraph, a figure, a table, a numbered
# list, a footnote, a link, artifacts, XMP, an sRGB output intent) that
# the checker must pass without a word; then, for each rule, a copy
# broken in that one way, for which the checker must print the message
# expected. An encrypted copy is written by pikepdf itself.
#
#   pdfua-selftest.py [DIR]   writes good.pdf and the mutants into DIR
#                             (a temporary folder when none is given);
#                             prints one line per mutant not caught and a
#                             summary; exits 1 when anything failed.
import datetime
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfua  # noqa: E402

import pikepdf  # noqa: E402
from pikepdf import Array, Dictionary, Name, String  # noqa: E402

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
TITLE = "Checker self-test"
AUTHOR = "Town Clerk"
PRODUCER = "pdfua-selftest"
DATE_PDF = "D:20240312090000Z"
DATE_XMP = "2024-03-12T09:00:00Z"

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<pdf:Producer>{producer}</pdf:Producer>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>{uapart}</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag>{schema}</rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

SCHEMA = """<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li>"""

# The page: an artifact rule, then each element's text in reading order.
# MCIDs: 0 H1, 1 P, 2 Figure, 3 TH, 4 TD, 5 Lbl, 6 LBody, 7 Link, 8 H2,
# 9 Note.
CONTENT = b"""/Artifact BMC 0 G 1 w 72 800 m 523 800 l S EMC
/H1 <</MCID 0>> BDC BT /F1 18 Tf 72 760 Td (Title) Tj ET EMC
/P <</MCID 1>> BDC BT /F1 12 Tf 72 730 Td [(A para)-20(graph.)] TJ ET EMC
/Figure <</MCID 2>> BDC 0.5 g 72 600 100 100 re f EMC
/Artifact BMC 72 580 m 300 580 l S EMC
/TH <</MCID 3>> BDC BT /F1 12 Tf 72 560 Td (Head) Tj ET EMC
/TD <</MCID 4>> BDC BT /F1 12 Tf 200 560 Td (Cell) Tj ET EMC
/Lbl <</MCID 5>> BDC BT /F1 12 Tf 72 530 Td (1.) Tj ET EMC
/LBody <</MCID 6>> BDC BT /F1 12 Tf 100 530 Td (Item) Tj ET EMC
/Link <</MCID 7>> BDC BT /F1 12 Tf 72 500 Td (a link) Tj ET EMC
/H2 <</MCID 8>> BDC BT /F1 14 Tf 72 470 Td (Section) Tj ET EMC
/Note <</MCID 9>> BDC BT /F1 9 Tf 72 100 Td (1 A note.) Tj ET EMC
/Artifact BMC /Artifact BMC BT /F1 9 Tf 290 40 Td (1) Tj ET EMC EMC
"""


def srgb():
    """An sRGB ICC profile, made by LittleCMS through Pillow."""
    from PIL import ImageCms
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def font(pdf):
    data = open(FONT, "rb").read()
    ff = pikepdf.Stream(pdf, data)
    ff.Length1 = len(data)
    fd = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/LiberationSans"),
        Flags=32, FontBBox=[-544, -303, 1302, 980], ItalicAngle=0,
        Ascent=905, Descent=-212, CapHeight=716, StemV=80, FontFile2=ff))
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType,
        BaseFont=Name("/LiberationSans"), FirstChar=32, LastChar=126,
        Widths=[556] * 95, Encoding=Name.WinAnsiEncoding,
        FontDescriptor=fd))


def build():
    """The good file, as an open pikepdf.Pdf."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font(pdf)))
    page.obj.Contents = pdf.make_stream(CONTENT)
    page.obj.Tabs = Name.S
    page.obj.StructParents = 0

    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    pg = page.obj

    def elem(s, parent, **kw):
        e = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + s),
                                         P=parent, **kw))
        return e

    def add(parent, kid):
        k = parent.get("/K")
        if k is None:
            parent.K = Array([kid])
        else:
            k.append(kid)
        return kid

    doc = elem("Document", root)
    root.K = Array([doc])
    mc = {}

    def leaf(s, parent, mcid, **kw):
        e = add(parent, elem(s, parent, Pg=pg, **kw))
        e.K = Array([mcid])
        mc[mcid] = e
        return e

    leaf("H1", doc, 0)
    leaf("P", doc, 1)
    leaf("Figure", doc, 2, Alt=String("A grey square."))
    table = add(doc, elem("Table", doc))
    tr = add(table, elem("TR", table))
    leaf("TH", tr, 3, A=Array([Dictionary(O=Name.Table, Scope=Name.Column)]))
    leaf("TD", tr, 4)
    lst = add(doc, elem("L", doc, A=Dictionary(O=Name.List,
                                               ListNumbering=Name.Decimal)))
    li = add(lst, elem("LI", lst))
    leaf("Lbl", li, 5)
    leaf("LBody", li, 6)
    para = add(doc, elem("P", doc))
    link = leaf("Link", para, 7)
    leaf("H2", doc, 8)
    leaf("Note", doc, 9, ID=String("note-1"))

    annot = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[72, 495, 120, 512],
        Border=[0, 0, 0], F=4, Contents=String("a link to the council"),
        A=Dictionary(S=Name.URI, URI=String("https://example.org/")),
        StructParent=1))
    page.obj.Annots = Array([annot])
    link.K.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=pg))

    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([
        0, Array([mc[i] for i in range(10)]), 1, link])))
    root.ParentTreeNextKey = 2
    root.RoleMap = Dictionary()

    pdf.Root.StructTreeRoot = root
    pdf.Root.Lang = String("en-GB")
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    icc = pikepdf.Stream(pdf, srgb())
    icc.N = 3
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String("sRGB"),
        DestOutputProfile=icc)])
    set_xmp(pdf)
    pdf.trailer.Info = pdf.make_indirect(Dictionary(
        Title=String(TITLE), Author=String(AUTHOR),
        Producer=String(PRODUCER), CreationDate=String(DATE_PDF),
        ModDate=String(DATE_PDF)))
    return pdf


def set_xmp(pdf, title=TITLE, date=DATE_XMP, uapart="1", schema=SCHEMA):
    x = XMP.format(title=title, author=AUTHOR, date=date, producer=PRODUCER,
                   uapart=uapart, schema=schema)
    m = pikepdf.Stream(pdf, x.encode("utf-8"))
    m.Type = Name.Metadata
    m.Subtype = Name.XML
    pdf.Root.Metadata = m


def content(pdf, old, new):
    page = pdf.pages[0].obj
    data = page.Contents.read_bytes()
    assert old in data, old
    page.Contents = pdf.make_stream(data.replace(old, new, 1))


def elements(pdf, s):
    """The elements of type s, in reading order."""
    out = []
    todo = [pdf.Root.StructTreeRoot]
    while todo:
        e = todo.pop(0)
        if e.get("/S") == Name("/" + s):
            out.append(e)
        k = e.get("/K")
        kids = list(k) if isinstance(k, Array) else [k]
        todo = [x for x in kids if isinstance(x, Dictionary) and
                "/S" in x] + todo
    return out


def first(pdf, s):
    return elements(pdf, s)[0]


def ext_gstate(pdf, **kw):
    pdf.pages[0].obj.Resources.ExtGState = Dictionary(
        GS1=Dictionary(Type=Name.ExtGState, **kw))


def lzw(pdf):
    """A second content stream, empty, LZW-encoded (a clear code, then the
    end-of-data code, 9 bits each)."""
    s = pikepdf.Stream(pdf, b"")
    s.write(b"\x80\x40\x40", filter=Name.LZWDecode)
    page = pdf.pages[0].obj
    page.Contents = Array([page.Contents, pdf.make_indirect(s)])


def icc_version(pdf, v):
    prof = pdf.Root.OutputIntents[0].DestOutputProfile
    data = bytearray(prof.read_bytes())
    data[8] = v
    prof.write(bytes(data))


def td_under_table(pdf):
    table, tr, td = first(pdf, "Table"), first(pdf, "TR"), first(pdf, "TD")
    tr.K = Array([first(pdf, "TH")])
    table.K.append(td)
    td.P = table


# Each mutant: a name, what it does to the good file, a piece of the
# message the checker must print.
MUTANTS = [
    ("untagged text",
     lambda p: content(p, b"/Artifact BMC 0 G",
                       b"BT /F1 12 Tf 72 780 Td (loose) Tj ET\n/Artifact BMC 0 G"),
     "page 1: Tj outside any tagged or /Artifact sequence"),
    ("untagged path",
     lambda p: content(p, b"/Artifact BMC 0 G", b"10 10 m 20 20 l S\n/Artifact BMC 0 G"),
     "page 1: S outside any tagged or /Artifact sequence"),
    ("untagged fill in a non-structure sequence",
     lambda p: content(p, b"/Artifact BMC 0 G", b"/Span BMC 0 0 5 5 re f EMC\n/Artifact BMC 0 G"),
     "page 1: f outside any tagged or /Artifact sequence"),
    ("tagged inside tagged",
     lambda p: content(p, b"(Title) Tj ET EMC",
                       b"(Title) Tj ET /Span <</MCID 10>> BDC EMC EMC"),
     "tagged sequence (MCID 10) inside another tagged one"),
    ("tagged inside an artifact",
     lambda p: content(p, b"72 800 m 523 800 l S EMC",
                       b"72 800 m 523 800 l S /P <</MCID 10>> BDC EMC EMC"),
     "tagged sequence (MCID 10) inside an /Artifact"),
    ("artifact inside tagged",
     lambda p: content(p, b"(Title) Tj ET EMC",
                       b"(Title) Tj ET /Artifact BMC EMC EMC"),
     "an /Artifact sequence inside a tagged one"),
    ("unbalanced EMC",
     lambda p: content(p, b"(Title) Tj ET EMC", b"(Title) Tj ET EMC EMC"),
     "EMC with no sequence open"),
    ("MCID without a parent",
     lambda p: content(p, b"/Artifact BMC 0 G",
                       b"/P <</MCID 10>> BDC BT /F1 12 Tf (x) Tj ET EMC\n/Artifact BMC 0 G"),
     "MCID 10 has no parent in the /ParentTree"),
    ("MCID owned by no element",
     lambda p: first(p, "P").__setattr__("K", Array([])),
     "MCID 1 is owned by no structure element"),
    ("MCID owned twice",
     lambda p: first(p, "H2").K.append(1),
     "MCID 1 is owned by 2 structure elements"),
    ("element MCID not in the content",
     lambda p: first(p, "H2").K.append(11),
     "MCID 11 of page 1 is not in its content"),
    ("missing kid",
     lambda p: first(p, "Document").K.append(p.make_indirect(pikepdf.Object.parse(b"null"))),
     "a kid of Document"),
    ("wrong /P",
     lambda p: first(p, "H2").__setattr__("P", first(p, "Table")),
     "the /P of H2"),
    ("non-standard type",
     lambda p: first(p, "P").__setattr__("S", Name("/Para")),
     "type Para is not standard"),
    ("skipped heading level",
     lambda p: first(p, "H2").__setattr__("S", Name.H3),
     "heading level skipped: H3 after H1"),
    ("first heading not H1",
     lambda p: first(p, "H1").__setattr__("S", Name.H2),
     "the first heading is H2, not H1"),
    ("Figure without /Alt",
     lambda p: first(p, "Figure").__delitem__("/Alt"),
     "Figure (object"),
    ("Figure with an empty /Alt",
     lambda p: first(p, "Figure").__setattr__("Alt", String(" ")),
     "has no /Alt"),
    ("TH without /Scope",
     lambda p: first(p, "TH").__delitem__("/A"),
     "has no /Scope"),
    ("TD under Table",
     lambda p: td_under_table(p),
     "not TR"),
    ("LI without Lbl/LBody",
     lambda p: first(p, "Lbl").__setattr__("S", Name.P),
     "P under LI"),
    ("LBody outside an LI",
     lambda p: first(p, "LI").__setattr__("S", Name.TOCI),
     "under TOCI, not LI"),
    ("Lbl outside an LI or TOCI",
     lambda p: first(p, "LI").__setattr__("S", Name.Div),
     "under Div, not LI or TOCI"),
    ("labelled list without ListNumbering",
     lambda p: first(p, "L").__delitem__("/A"),
     "has Lbl but no /ListNumbering"),
    ("Note without /ID",
     lambda p: first(p, "Note").__delitem__("/ID"),
     "has no /ID"),
    ("link annotation without /StructParent",
     lambda p: p.pages[0].obj.Annots[0].__delitem__("/StructParent"),
     "a Link annotation has no /StructParent"),
    ("link annotation without an OBJR",
     lambda p: first(p, "Link").__setattr__("K", Array([7])),
     "has no OBJR to it"),
    ("link annotation owned by a P",
     lambda p: p.Root.StructTreeRoot.ParentTree.Nums.__setitem__(3, first(p, "P")),
     "not a Link element"),
    ("link annotation without /Contents",
     lambda p: p.pages[0].obj.Annots[0].__delitem__("/Contents"),
     "a Link annotation has no /Contents"),
    ("no /Lang",
     lambda p: p.Root.__delitem__("/Lang"),
     "catalog: no /Lang"),
    ("not marked",
     lambda p: p.Root.MarkInfo.__setattr__("Marked", False),
     "/MarkInfo /Marked is not true"),
    ("title not displayed",
     lambda p: p.Root.__delitem__("/ViewerPreferences"),
     "/DisplayDocTitle is not true"),
    ("no structure tree",
     lambda p: p.Root.__delitem__("/StructTreeRoot"),
     "catalog: no /StructTreeRoot"),
    ("no /Tabs",
     lambda p: p.pages[0].obj.__delitem__("/Tabs"),
     "page 1: /Tabs is not /S"),
    ("no /StructParents",
     lambda p: p.pages[0].obj.__delitem__("/StructParents"),
     "marked content but no /StructParents"),
    ("no XMP",
     lambda p: p.Root.__delitem__("/Metadata"),
     "XMP: no /Metadata stream"),
    ("XMP that does not parse",
     lambda p: p.Root.__setattr__("Metadata", p.make_stream(b"<x:xmpmeta>")),
     "XMP: does not parse"),
    ("XMP title differs from Info",
     lambda p: set_xmp(p, title="Another title"),
     "XMP: dc:title 'Another title' differs from Info /Title"),
    ("XMP creator differs from Info",
     lambda p: p.trailer.Info.__setattr__("Author", String("Someone")),
     "dc:creator"),
    ("XMP producer differs from Info",
     lambda p: p.trailer.Info.__setattr__("Producer", String("x")),
     "pdf:Producer"),
    ("XMP date another instant",
     lambda p: set_xmp(p, date="2024-03-12T09:00:00+01:00"),
     "xmp:CreateDate 2024-03-12T09:00:00+01:00 is not the instant"),
    ("Info date another instant",
     lambda p: p.trailer.Info.__setattr__("ModDate", String("D:20240312090001Z")),
     "xmp:ModifyDate"),
    ("no pdfuaid:part",
     lambda p: set_xmp(p, uapart="2"),
     "pdfuaid:part is '2'"),
    ("no extension schema",
     lambda p: set_xmp(p, schema=""),
     "no PDF/A extension schema for pdfuaid"),
    ("no output intent",
     lambda p: p.Root.__delitem__("/OutputIntents"),
     "/OutputIntents: 0 with /S /GTS_PDFA1"),
    ("output profile /N 4",
     lambda p: p.Root.OutputIntents[0].DestOutputProfile.__setattr__("N", 4),
     "ICC profile's /N is not 3"),
    ("ICC profile of version 5",
     lambda p: icc_version(p, 5),
     "an ICC profile of version 5"),
    ("font not embedded",
     lambda p: p.pages[0].Resources.Font.F1.FontDescriptor.__delitem__("/FontFile2"),
     "font LiberationSans (TrueType) not embedded"),
    ("font without Unicode",
     lambda p: p.pages[0].Resources.Font.F1.__setattr__("Encoding", Name("/Identity-H")),
     "neither /ToUnicode nor a standard encoding"),
    ("LZW",
     lambda p: lzw(p),
     "an LZWDecode filter"),
    ("soft mask in an ExtGState",
     lambda p: ext_gstate(p, SMask=Dictionary(S=Name.Luminosity)),
     "ExtGState with a soft mask"),
    ("ca below 1",
     lambda p: ext_gstate(p, ca=0.5),
     "ExtGState with ca 0.5"),
    ("transparency group",
     lambda p: p.pages[0].obj.__setattr__("Group", Dictionary(S=Name.Transparency)),
     "a transparency group"),
    ("image with a soft mask",
     lambda p: p.pages[0].obj.Resources.__setattr__("XObject", Dictionary(Im1=p.make_stream(
         b"\0", Type=Name.XObject, Subtype=Name.Image, Width=1, Height=1,
         ColorSpace=Name.DeviceGray, BitsPerComponent=8,
         SMask=p.make_stream(b"\0", Type=Name.XObject, Subtype=Name.Image, Width=1,
                             Height=1, ColorSpace=Name.DeviceGray, BitsPerComponent=8)))),
     "an image with a soft mask"),
    ("JavaScript",
     lambda p: p.Root.__setattr__("OpenAction", Dictionary(S=Name.JavaScript, JS=String("1")),),
     "a JavaScript action"),
    ("Launch",
     lambda p: p.pages[0].obj.Annots[0].__setattr__("A", Dictionary(S=Name.Launch, F=String("x"))),
     "a Launch action"),
    ("additional actions",
     lambda p: p.Root.__setattr__("AA", Dictionary()),
     "catalog: /AA"),
]


def save(pdf, path, **kw):
    """Saved as it is: pikepdf leaves the XMP and the streams alone."""
    pdf.save(path, static_id=True, fix_metadata_version=False,
             compress_streams=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none, **kw)


def run(dirname):
    failed = 0
    good = os.path.join(dirname, "good.pdf")
    save(build(), good)
    lines = pdfua.check(good)
    if lines:
        failed += 1
        print("FAIL: the good file fails:\n    " + "\n    ".join(lines))
    # The encrypted file: pikepdf writes it.
    enc = os.path.join(dirname, "encrypted.pdf")
    build().save(enc, static_id=True, fix_metadata_version=False,
                 encryption=pikepdf.Encryption(owner="o", user=""))
    cases = [("encrypted", enc, "encrypted")]
    for i, (name, mutate, want) in enumerate(MUTANTS, 1):
        pdf = build()
        mutate(pdf)
        path = os.path.join(dirname, "mutant-%02d.pdf" % i)
        save(pdf, path)
        cases.append((name, path, want))
    for name, path, want in cases:
        lines = pdfua.check(path)
        if not any(want in line for line in lines):
            failed += 1
            print("FAIL: %s: no failure with %r; the checker said:\n    %s"
                  % (name, want, "\n    ".join(lines) or "(nothing)"))
    print("pdfua-selftest: the good file and %d mutants, %d not as expected"
          % (len(cases), failed))
    return 1 if failed else 0


def main(argv):
    if len(argv) > 1:
        os.makedirs(argv[1], exist_ok=True)
        return run(argv[1])
    with tempfile.TemporaryDirectory() as d:
        return run(d)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
