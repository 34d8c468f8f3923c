#!/usr/bin/python3
"""html-page.py: reads clerk's web pages with Python's HTML parser and
checks what each must be (tests/html-out.sh), or prints what a test asks.

    html-page.py check PAGE...   each page: <!DOCTYPE html> first; <html
        lang="en-GB">; one <meta charset="utf-8">, in <head>; a viewport
        meta; one <title>, not empty; a <style>; no script, no stylesheet
        link, no frame, object or embed, nothing loaded from elsewhere (no
        src or CSS url() or @import); every element closed in order; ids
        unique; <main id="main"> and a skip link to it; each "#id" link to
        an id of the page; each link or image to a file of the folder to a
        file that is there (and to an id of that page when it names one).
        Prints each problem as PAGE: problem; exits 1 when there is one.
    html-page.py paras PAGE      "id<TAB>href<TAB>text" of each numbered
        paragraph's self-link (<li id> > <a class="num">), text without
        the words for screen readers.
    html-page.py xrefs PAGE      "href<TAB>text" of each cross-reference.
    html-page.py images PAGE     "src<TAB>alt" of each image.
    html-page.py text PAGE       the page's text as a reader sees it (no
        head, no words for screen readers only), one line.
"""
import html.parser
import os
import re
import sys
import urllib.parse

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.first = None          # the first thing seen: ("decl", text)...
        self.stack = []            # open elements: (tag, attrs)
        self.ids = {}
        self.elements = []         # (tag, attrs, path of tags)
        self.titles = []
        self.text = []             # (text, in head, hidden)
        self.paras = []            # [id, href, text]
        self.xrefs = []            # [href, text]
        self.capture = None        # the list whose text is being read

    def note_first(self, kind, value):
        if self.first is None:
            self.first = (kind, value)

    def handle_decl(self, decl):
        self.note_first("decl", decl)

    def handle_starttag(self, tag, attrs):
        self.note_first("tag", tag)
        a = dict(attrs)
        path = [t for t, _ in self.stack]
        self.elements.append((tag, a, path))
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append("id %r given twice" % a["id"])
            self.ids[a["id"]] = tag
        if tag == "a" and a.get("class") == "num" and self.stack and \
                self.stack[-1][0] == "li":
            self.capture = [self.stack[-1][1].get("id", ""),
                            a.get("href", ""), ""]
            self.paras.append(self.capture)
        elif tag == "a" and a.get("class") == "xref":
            self.capture = [a.get("href", ""), ""]
            self.xrefs.append(self.capture)
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.problems.append("<%s/> is not HTML" % tag)
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append("</%s> closes a void element" % tag)
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append("</%s> closes <%s>" % (
                tag, self.stack[-1][0] if self.stack else "nothing"))
            return
        self.stack.pop()
        if tag == "a":
            self.capture = None

    def handle_data(self, data):
        if data.strip():
            self.note_first("text", data)
        tags = [t for t, _ in self.stack]
        if "title" in tags:
            self.titles.append(data)
        vh = any("vh" in (a.get("class") or "").split()
                 for _, a in self.stack)
        self.text.append((data, "head" in tags, vh))
        if self.capture is not None and not vh:
            self.capture[-1] += data


def read(path):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    p = Page()
    p.feed(src)
    p.close()
    return p, src


def local(url):
    """The file and fragment of a link within the folder, or None."""
    u = urllib.parse.urlsplit(url)
    if u.scheme or u.netloc or url.startswith("//"):
        return None
    return urllib.parse.unquote(u.path), urllib.parse.unquote(u.fragment)


def check(path, cache):
    p, src = read(path)
    out = []
    if not src.startswith("<!DOCTYPE html>\n"):
        out.append("does not begin with <!DOCTYPE html>")
    if p.first != ("decl", "DOCTYPE html"):
        out.append("the doctype is not first: %r" % (p.first,))
    if p.stack:
        out.append("elements left open: %s" % [t for t, _ in p.stack])
    out += p.problems
    tags = [t for t, _, _ in p.elements]
    html = [a for t, a, _ in p.elements if t == "html"]
    if len(html) != 1 or html[0].get("lang") != "en-GB":
        out.append('no single <html lang="en-GB">: %r' % html)
    metas = [(a, path_) for t, a, path_ in p.elements if t == "meta"]
    charset = [a for a, pa in metas if "charset" in a]
    if len(charset) != 1 or charset[0]["charset"].lower() != "utf-8":
        out.append("not one <meta charset=utf-8>: %r" % charset)
    if any("http-equiv" in a for a, _ in metas):
        out.append("a <meta http-equiv>")
    if any("head" not in pa for _, pa in metas):
        out.append("a meta outside <head>")
    if not any(a.get("name") == "viewport" for a, _ in metas):
        out.append("no viewport meta")
    if tags.count("title") != 1 or not "".join(p.titles).strip():
        out.append("not one title with text")
    if tags.count("style") != 1:
        out.append("not one <style>")
    for bad in ("script", "link", "iframe", "frame", "object", "embed",
                "base"):
        if bad in tags:
            out.append("a <%s>" % bad)
    style = re.search(r"<style>(.*?)</style>", src, re.S)
    if style and re.search(r"url\(|@import|@font-face", style.group(1)):
        out.append("the stylesheet loads something")
    mains = [a for t, a, _ in p.elements if t == "main"]
    if len(mains) != 1 or mains[0].get("id") != "main":
        out.append('not one <main id="main">')
    skip = [a for t, a, _ in p.elements if t == "a"][:1]
    if not skip or skip[0].get("href") != "#main":
        out.append("the first link does not skip to #main")
    folder = os.path.dirname(path)
    for t, a, _ in p.elements:
        for attr in ("href", "src"):
            if attr not in a:
                continue
            url = a[attr]
            if attr == "src" and re.match(r"[a-z]+:|//", url):
                out.append("%s loaded from elsewhere: %s" % (t, url))
            loc = local(url)
            if loc is None:
                continue
            file, frag = loc
            if file == "":
                if frag not in p.ids:
                    out.append("link to #%s, an id not on the page" % frag)
                continue
            target = os.path.normpath(os.path.join(folder, file))
            if not os.path.isfile(target):
                out.append("%s %s=%s: no such file" % (t, attr, url))
            elif frag and target.endswith(".html"):
                if target not in cache:
                    cache[target] = read(target)[0].ids
                if frag not in cache[target]:
                    out.append("link to %s: no such id there" % url)
    return ["%s: %s" % (path, o) for o in out]


def main():
    cmd, pages = sys.argv[1], sys.argv[2:]
    if cmd == "check":
        problems, cache = [], {}
        for page in pages:
            problems += check(page, cache)
        for pr in problems:
            print(pr)
        return 1 if problems else 0
    p, _ = read(pages[0])
    if cmd == "paras":
        for i, h, t in p.paras:
            print("%s\t%s\t%s" % (i, h, t))
    elif cmd == "xrefs":
        for h, t in p.xrefs:
            print("%s\t%s" % (h, t))
    elif cmd == "images":
        for t, a, _ in p.elements:
            if t == "img":
                print("%s\t%s" % (a.get("src", ""), a.get("alt", "<none>")))
    elif cmd == "text":
        words = " ".join(d for d, head, vh in p.text if not head and not vh)
        print(" ".join(words.split()))
    else:
        print("html-page.py: unknown command %s" % cmd, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
