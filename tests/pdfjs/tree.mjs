// tree.mjs PDF: the structure tree of each page as pdf.js (the reader in
// Firefox) reads it through page.getStructTree(), as an indented text
// tree: "page N", then one line per element, its role (and alt="..."
// when it has one), two spaces deeper per level; a marked-content kid
// as its text in double quotes (the text pdf.js extracts between its
// BDC and EMC, from getTextContent with marked content); an annotation
// kid as "Object". tests/pdfua.sh compares it with poppler's reading
// (pdfinfo -struct-text) through tests/tools/structtree.py.
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const path = process.argv[2];
if (!path) {
	process.stderr.write("usage: node tree.mjs PDF\n");
	process.exit(2);
}
const data = new Uint8Array(fs.readFileSync(path));
const doc = await getDocument({
	data,
	verbosity: 0,
	isEvalSupported: false,
	disableFontFace: true,
	useSystemFonts: false,
}).promise;

// The text of each marked-content sequence of the page, by its id.
async function texts(page) {
	const tc = await page.getTextContent({ includeMarkedContent: true });
	const out = new Map();
	const open = [];
	for (const item of tc.items) {
		if (item.type === "beginMarkedContentProps" ||
		    item.type === "beginMarkedContent") {
			open.push(item.id || null);
			if (item.id && !out.has(item.id)) out.set(item.id, "");
		} else if (item.type === "endMarkedContent") {
			open.pop();
		} else if (typeof item.str === "string") {
			for (const id of open) {
				if (id) out.set(id, out.get(id) + item.str + (item.hasEOL ? " " : ""));
			}
		}
	}
	return out;
}

function quote(s) {
	return JSON.stringify(s.replace(/\s+/g, " ").trim());
}

const lines = [];
function walk(node, depth, text) {
	const pad = "  ".repeat(depth);
	if (node.type === "content") {
		lines.push(pad + quote(text.get(node.id) ?? ""));
		return;
	}
	if (node.type === "object" || node.type === "annotation") {
		lines.push(pad + "Object");
		return;
	}
	let head = pad + node.role;
	if (node.alt) head += " alt=" + quote(node.alt);
	// the root pdf.js makes for the page has the role "Root": not printed
	const skip = node.role === "Root" && depth === 0;
	if (!skip) lines.push(head);
	for (const kid of node.children || []) walk(kid, skip ? depth : depth + 1, text);
}

for (let n = 1; n <= doc.numPages; n++) {
	const page = await doc.getPage(n);
	const tree = await page.getStructTree();
	lines.push("page " + n);
	if (tree) walk(tree, 0, await texts(page));
	page.cleanup();
}
process.stdout.write(lines.join("\n") + "\n");
await doc.destroy();
