// check.mjs: clerk's HTML edition in a real browser (tests/html.sh).
//
//   node check.mjs [--shots DIR] MANIFEST     checks the pages MANIFEST names
//   node check.mjs --selftest DIR             proves that each check can fail
//
// MANIFEST has one instruction a line, its fields split by tabs, paths
// absolute:
//   page  HTML ALLOWED   a page to check; ALLOWED is "-" or the files outside
//                        the page's folder it may link to, split by commas
//                        (a pack's PDFs, "../NAME.pdf" of its site)
//   site  DIR            every page of DIR is reached from DIR/index.html
//   pdf   HTML PDF       the page was built beside PDF: it links to it, and
//                        its numbered paragraphs and cross-references are
//                        those of the PDF (below)
//   paras HTML N,N,...   the page's numbered paragraphs are exactly these
//                        (and, with "pdf", the numbers of its PDF)
//   link  HTML FILE      the page links to FILE
//   nolink HTML FILE     the page does not link to FILE
//   shot  NAME HTML      screenshots NAME-320.png and NAME-1280.png (full
//                        page) into the --shots folder
//   print HTML           the page printed (print media, the page size its
//                        CSS asks for) is A4 and shows its paragraph numbers
//
// Each page is opened in Debian's chromium (playwright-core, one browser, one
// context a viewport, two pages at a time in each) at 1280 x 900, at 320 x
// 640 and at 640 x 450 with a device scale factor of 2, which is what a
// 1280 x 900 window zoomed to 200% lays out (a 640 CSS px viewport, two
// device pixels to a CSS pixel). The checks (the rule named in each failure):
//   axe           no axe-core violation for wcag2a, wcag2aa, wcag21a,
//                 wcag21aa, wcag22aa and best-practice, at 1280 and at 320
//   scroll        no horizontal scrolling at 320, at 200% zoom and at 1280
//                 (documentElement.scrollWidth <= clientWidth); the
//                 failure names the elements that stick out
//   request       no request but file:// inside the page's own folder
//                 (every other one is aborted)
//   script        no <script>, no on* attribute, no javascript: URL
//   self-contained no stylesheet link, <base>, <iframe>, <object>, <embed>
//   lang          <html lang="en-GB">
//   title         a <title> that is not empty
//   th-scope      every <th> has a scope
//   img           every <img> has its file, inside the page's folder, and
//                 the browser decoded it
//   link          every href and src that is a file resolves to a file that
//                 exists; every #fragment to an id of its page
//   outside       no file link leads out of the page's folder but to the
//                 ALLOWED files; no link to anything but file:, http:,
//                 https:, mailto: and tel:
//   skip          the first stop of the Tab key is a link to the main
//                 content (the <main> element or inside it), visible when
//                 focused
//   focus         the first three stops of the Tab key look different when
//                 focused
//   vnu           the Nu HTML Checker (vnu-jar, Debian's Java) reports no
//                 error
//   paras         each paragraph with an id "para-N" shows its number N
//                 (the text of its link to itself, or its list value); with
//                 "paras", exactly those numbers, in order, and those that
//                 start a line of the PDF's text at the margin; with "pdf",
//                 each number and the first words of its paragraph stand at
//                 the start of a line of the PDF's text (pdftotext), in
//                 order
//   xref          each link to a "#para-" id from outside that paragraph
//                 shows the number of its target when its text is a number;
//                 with "pdf", the texts of those links are, in order, the
//                 words of the PDF's links into itself
//                 (tests/tools/pdfnav.py links)
//   pdf-link      with "pdf", the page links to its PDF
//   site          with "site", every page of the folder is reached from its
//                 index.html by links
//   print         with "print", the printed page is A4 and its text holds
//                 each paragraph's number before its first words
// It prints one line a failure, "FILE: rule: what", and exits 1 when there
// is one.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const VNU = path.join(HERE, 'node_modules/vnu-jar/build/dist/vnu.jar');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const VIEWPORTS = [
	{ name: '1280', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, axe: true, main: true },
	{ name: '320', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, axe: true },
	{ name: '200% zoom', viewport: { width: 640, height: 450 }, deviceScaleFactor: 2, axe: false },
];
const WORKERS = 2;
const A4 = [595.28, 841.89]; // points

// ---- the manifest ----------------------------------------------------------

function readManifest(file) {
	const m = { pages: [], sites: [], pdf: new Map(), paras: new Map(), link: [], nolink: [], shots: [], print: [] };
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (line.trim() === '' || line.startsWith('#')) continue;
		const f = line.split('\t');
		switch (f[0]) {
		case 'page':
			m.pages.push({ file: f[1], allowed: f[2] && f[2] !== '-' ? f[2].split(',') : [] });
			break;
		case 'site': m.sites.push(f[1]); break;
		case 'pdf': m.pdf.set(f[1], f[2]); break;
		case 'paras': m.paras.set(f[1], f[2].split(',')); break;
		case 'link': m.link.push([f[1], f[2]]); break;
		case 'nolink': m.nolink.push([f[1], f[2]]); break;
		case 'shot': m.shots.push([f[1], f[2]]); break;
		case 'print': m.print.push(f[1]); break;
		default: throw new Error(`${file}: unknown instruction "${f[0]}"`);
		}
	}
	return m;
}

// ---- text ------------------------------------------------------------------

// norm: text as both sides of a comparison are read: compatibility forms
// (ligatures) folded, typographic quotes plain, white space squeezed.
function norm(s) {
	return s.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
		.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
}

// bare: a link's words without the punctuation a PDF word carries after it.
function bare(s) {
	return norm(s).replace(/[.,;:!?)\]]+$/, '');
}

function esc(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// pdfData: the text of a PDF and its links into itself, or, in the
// self-test, of the files PDF.txt and PDF.links standing for them.
function pdfData(pdf, fake) {
	if (fake) {
		return {
			text: fs.readFileSync(pdf + '.txt', 'utf8'),
			links: fs.readFileSync(pdf + '.links', 'utf8'),
		};
	}
	const t = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
	const l = spawnSync('python3', [path.join(REPO, 'tests/tools/pdfnav.py'), 'links', pdf], { encoding: 'utf8' });
	if (t.status !== 0 || l.status !== 0) throw new Error(`${pdf}: pdftotext or pdfnav.py failed: ${t.stderr}${l.stderr}`);
	return { text: t.stdout, links: l.stdout };
}

// comparePdf: the paragraphs and cross-references of a page (as read in
// the browser) against its PDF's text and links; with exact, the numbers
// that start a line of the PDF's text at its left margin are those of the
// page's paragraphs. Returns failures.
function comparePdf(d, pdf, exact) {
	const out = [];
	if (exact) {
		const nums = pdf.text.split('\n').map(l => l.replace(/^\f/, '').match(/^(\d+(?:\.\d+)*)\.?\s{2,}\S/))
			.filter(Boolean).map(x => x[1]).join(',');
		const got = d.paras.map(q => q.num).join(',');
		if (nums !== got) out.push(['paras', `the PDF numbers the paragraphs ${nums || 'not at all'}, the page ${got || 'not at all'}`]);
	}
	const text = pdf.text.replace(/\f/g, '\n').split('\n').map(norm).join('\n');
	let at = 0;
	let after = 'the start';
	for (const p of d.paras) {
		const words = norm(p.rest).split(' ').slice(0, 3).join(' ');
		const re = new RegExp(`(?:^|\\n)${esc(p.num)}\\.? ${words.split(' ').map(esc).join('\\s')}`, 'g');
		re.lastIndex = at;
		const m = re.exec(text);
		if (!m) {
			out.push(['paras', `"${p.num} ${words}" (#${p.id}) does not start a line of the PDF after ${after}`]);
			continue;
		}
		at = m.index + m[0].length;
		after = `paragraph ${p.num}`;
	}
	const links = pdf.links.split('\n').filter(l => l !== '').map(l => bare(l.split('\t')[2] || ''));
	const xrefs = d.xrefs.map(x => bare(x.text));
	if (links.join(' | ') !== xrefs.join(' | ')) {
		out.push(['xref', `the cross-references read "${xrefs.join(' | ')}", the PDF's links "${links.join(' | ')}"`]);
	}
	return out;
}

// ---- in the page -----------------------------------------------------------

// read in the page at 1280: what the checks without a viewport need.
function readPage() {
	// shown: the text of an element as a sighted reader sees it, without
	// the words hidden for screen readers only (an element of at most 1 x 1
	// px, as a "visually hidden" class makes it)
	const shown = (el) => {
		const hidden = [...el.querySelectorAll('*')].filter(h => {
			const r = h.getBoundingClientRect();
			return r.width <= 1 && r.height <= 1 && h.textContent.trim() !== '';
		});
		const was = hidden.map(h => h.style.display);
		hidden.forEach(h => { h.style.display = 'none'; });
		const t = el.innerText;
		hidden.forEach((h, i) => { h.style.display = was[i]; });
		return t.trim();
	};
	// number: a numbered paragraph's number as it shows (the text of its
	// link to itself, or its list value) and its text after the number
	const number = (el) => {
		const self = [...el.querySelectorAll('a[href]')].find(a => a.getAttribute('href') === '#' + el.id);
		const label = self ? shown(self) : '';
		let num = (label.match(/^(\d+(?:\.\d+)*)\.?$/) || ['', label])[1];
		if (!/\d/.test(num) && el.tagName === 'LI') num = String(el.value);
		let rest = shown(el);
		if (label !== '' && rest.startsWith(label)) rest = rest.slice(label.length);
		else rest = rest.replace(/^(\d+(?:\.\d+)*)\.?/, '');
		return { id: el.id, num, rest: rest.trim().slice(0, 400) };
	};
	const attrs = [];
	const urls = [];
	for (const el of document.querySelectorAll('*')) {
		for (const a of el.attributes) {
			if (/^on/i.test(a.name)) attrs.push(`${el.tagName.toLowerCase()} ${a.name}`);
			if (['href', 'src', 'srcset', 'poster', 'data', 'action', 'formaction', 'cite', 'background'].includes(a.name)) {
				const vals = a.name === 'srcset' ? a.value.split(',').map(s => s.trim().split(/\s+/)[0]) : [a.value];
				for (const v of vals) urls.push({ tag: el.tagName.toLowerCase(), attr: a.name, value: v });
			}
		}
	}
	const paras = [...document.querySelectorAll('[id^="para-"]')].map(number);
	const xrefs = [...document.querySelectorAll('a[href^="#para-"]')].flatMap(a => {
		const id = decodeURIComponent(a.getAttribute('href').slice(1));
		const t = document.getElementById(id);
		if (t && t.contains(a)) return [];
		return [{ href: id, text: shown(a), target: t ? number(t).num : null }];
	});
	return {
		lang: document.documentElement.getAttribute('lang'),
		title: document.title,
		scripts: document.querySelectorAll('script').length,
		handlers: attrs,
		embedded: [...document.querySelectorAll('link[rel~="stylesheet" i], base, iframe, object, embed, frame')]
			.map(e => e.tagName.toLowerCase()),
		ids: [...document.querySelectorAll('[id]')].map(e => e.id),
		urls,
		images: [...document.images].map(i => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })),
		thNoScope: [...document.querySelectorAll('th')].filter(th => !/^(row|col|rowgroup|colgroup)$/.test(th.getAttribute('scope') || ''))
			.map(th => th.innerText.trim().slice(0, 40)),
		paras,
		xrefs,
		printRules: [...document.styleSheets].reduce((n, s) => {
			let rules = [];
			try {
				rules = [...s.cssRules];
			} catch {
				// a sheet from elsewhere, failed as self-contained
			}
			return n + rules.filter(r => (r instanceof CSSMediaRule && /\bprint\b/.test(r.media.mediaText)) ||
				r instanceof CSSPageRule).length;
		}, 0),
	};
}

// scrollInfo: the document's width against the viewport's, and the
// elements that stick out of it (not inside a box that scrolls).
function scrollInfo() {
	const de = document.documentElement;
	const cw = de.clientWidth;
	const wide = [];
	if (de.scrollWidth > cw) {
		const clipped = (el) => {
			for (let p = el.parentElement; p && p !== de; p = p.parentElement) {
				if (/auto|scroll|hidden|clip/.test(getComputedStyle(p).overflowX)) return true;
			}
			return false;
		};
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.right > cw + 0.5 && !clipped(el)) {
				const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
					(el.classList.length ? '.' + [...el.classList].join('.') : '');
				wide.push(`${name} (right edge ${Math.round(r.right)})`);
				if (wide.length >= 5) break;
			}
		}
	}
	return { sw: de.scrollWidth, cw, wide };
}

// focusInfo: the focused element, how it looks focused and not.
function focusInfo() {
	const el = document.activeElement;
	if (!el || el === document.body) return null;
	const keys = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor', 'color',
		'textDecorationLine', 'textDecorationThickness', 'borderTopColor', 'borderBottomColor', 'borderBottomWidth'];
	const look = () => {
		const s = getComputedStyle(el);
		return keys.map(k => s[k]).join('|');
	};
	const r = el.getBoundingClientRect();
	const focused = look();
	const ring = getComputedStyle(el).outlineStyle !== 'none' && getComputedStyle(el).outlineWidth !== '0px';
	el.blur();
	const blurred = look();
	const main = document.querySelector('main');
	const href = el.getAttribute('href') || '';
	const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
	el.focus();
	return {
		tag: el.tagName.toLowerCase(),
		text: (el.innerText || '').trim().slice(0, 40),
		href,
		toMain: !!(main && target && (main === target || main.contains(target))),
		onScreen: r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 &&
			r.left < innerWidth && r.top < innerHeight,
		changes: ring || focused !== blurred,
	};
}

// ---- the check -------------------------------------------------------------

async function check(m, opts) {
	const T0 = Date.now();
	const lap = (what) => process.env.CHECK_TIMES && console.error(`${((Date.now() - T0) / 1000).toFixed(1)} s: ${what}`);
	const failures = [];
	const fail = (file, rule, what) => failures.push({ file, rule, what });
	const data = new Map();

	// the Nu HTML Checker runs beside the browser
	const vnu = new Promise((resolve) => {
		const files = m.pages.map(p => p.file);
		if (files.length === 0) return resolve([]);
		const child = spawn('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files],
			{ stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		child.stderr.on('data', (b) => { err += b; });
		child.on('error', (e) => resolve([{ file: files[0], what: `java could not run: ${e.message}` }]));
		child.on('close', (code) => {
			let msgs;
			try {
				msgs = JSON.parse(err).messages;
			} catch {
				return resolve([{ file: files[0], what: `vnu exited ${code}: ${err.slice(0, 500)}` }]);
			}
			resolve(msgs.filter(x => x.type === 'error' || x.type === 'non-document-error').map(x => ({
				file: x.url ? fileURLToPath(x.url) : files[0],
				what: `line ${x.lastLine ?? '?'}: ${x.message}${x.extract ? ` [${x.extract.replace(/\s+/g, ' ').trim().slice(0, 80)}]` : ''}`,
			})));
		});
	});

	const args = ['--disable-dev-shm-usage', '--font-render-hinting=none'];
	if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
	const browser = await chromium.launch({ executablePath: CHROMIUM, args });
	try {
		for (const vp of VIEWPORTS) {
			const ctx = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor, reducedMotion: 'reduce' });
			const queue = [...m.pages];
			const worker = async () => {
				const page = await ctx.newPage();
				let cur = null;
				await page.route('**/*', (route) => {
					const u = route.request().url();
					let ok = false;
					if (cur && u.startsWith('file:')) {
						const f = fileURLToPath(u.replace(/[?#].*$/, ''));
						ok = f === cur.file || f.startsWith(path.dirname(cur.file) + path.sep);
					}
					if (ok) return route.continue();
					if (cur) fail(cur.file, 'request', `requested ${u.slice(0, 200)}`);
					return route.abort();
				});
				for (let p; (p = queue.shift());) {
					cur = p;
					try {
						await visit(page, p, vp);
					} catch (e) {
						fail(p.file, 'browser', `at ${vp.name}: ${e.message.split('\n')[0]}`);
					}
				}
				cur = null;
				await page.close();
			};
			const visit = async (page, p, vp) => {
				await page.goto(pathToFileURL(p.file).href, { waitUntil: 'load' });
				if (vp.axe && p.axe !== false) {
					// legacy mode: axe.run in the page itself (the page has no frames), not
					// runPartial and a blank page to finish in, twice as slow
					const r = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true)
						.options({ resultTypes: ['violations'] }).analyze();
					for (const v of r.violations) {
						const where = v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', ');
						fail(p.file, 'axe', `${v.id} at ${vp.name}: ${v.help} (${v.nodes.length}: ${where})`);
					}
				}
				const s = await page.evaluate(scrollInfo);
				if (s.sw > s.cw) {
					fail(p.file, 'scroll', `scrolls sideways at ${vp.name}: ${s.sw} px wide in ${s.cw}; sticking out: ${s.wide.join(', ') || '?'}`);
				}
				if (vp.main) {
					data.set(p.file, await page.evaluate(readPage));
					const stops = [];
					for (let i = 0; i < 3; i++) {
						await page.keyboard.press('Tab');
						stops.push(await page.evaluate(focusInfo));
					}
					const first = stops[0];
					if (!first || first.tag !== 'a' || !first.toMain) {
						fail(p.file, 'skip', `the first Tab stop is ${first ? `${first.tag} "${first.text}" (${first.href || 'no href'})` : 'nothing'}, not a link to the main content`);
					} else if (!first.onScreen) {
						fail(p.file, 'skip', `the skip link "${first.text}" is not visible when focused`);
					}
					for (const s of stops) {
						if (s && !s.changes) fail(p.file, 'focus', `${s.tag} "${s.text}" looks the same focused and not`);
					}
				}
			};
			await Promise.all(Array.from({ length: Math.min(WORKERS, m.pages.length) }, worker));
			lap(`pages at ${vp.name}`);

			// screenshots and printing
			if (vp.main || vp.name === '320') {
				const page = await ctx.newPage();
				await page.route('**/*', (route) => route.request().url().startsWith('file:') ? route.continue() : route.abort());
				for (const [name, file] of m.shots) {
					await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
					await page.screenshot({ path: path.join(opts.shots, `${name}-${vp.name}.png`), fullPage: true });
				}
				if (vp.main) {
					for (const file of m.print) await printCheck(page, file, data.get(file), fail, opts);
				}
				await page.close();
			}
			await ctx.close();
			lap(`shots and print at ${vp.name}`);
		}
	} finally {
		await browser.close();
	}

	for (const v of await vnu) fail(v.file, 'vnu', v.what);
	lap('vnu');
	crawl(m, data, fail, opts);
	// a request made at every width is one failure
	const seen = new Set();
	return failures.filter(f => {
		const k = `${f.file}\t${f.rule}\t${f.what}`;
		return !seen.has(k) && seen.add(k);
	});
}

async function printCheck(page, file, d, fail, opts) {
	await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
	await page.emulateMedia({ media: 'print' });
	const out = path.join(opts.shots || os.tmpdir(), path.basename(file, '.html') + '-print.pdf');
	// no format given: a page with no @page size prints as Letter
	await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
	await page.emulateMedia({ media: 'screen' });
	if (d && d.printRules === 0) fail(file, 'print', 'no print stylesheet (no @media print or @page rule)');
	const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout || '';
	const sz = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
	if (!sz || Math.abs(sz[1] - A4[0]) > 1 || Math.abs(sz[2] - A4[1]) > 1) {
		fail(file, 'print', `printed page ${sz ? `${sz[1]} x ${sz[2]} pt` : 'of no size'}, not A4 (${A4.join(' x ')})`);
	}
	if (d) {
		const text = ' ' + norm(spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout || '') + ' ';
		for (const p of d.paras) {
			const words = norm(p.rest).split(' ').slice(0, 2).join(' ');
			if (!new RegExp(` ${esc(p.num)}\\.? ${esc(words)}`).test(text)) {
				fail(file, 'print', `paragraph ${p.num} is not printed as "${p.num} ${words}"`);
			}
		}
	}
	if (!opts.shots) fs.rmSync(out, { force: true });
}

// crawl: the links of every page, as the browser read them, against the
// files and ids they lead to.
function crawl(m, data, fail, opts) {
	const byFile = new Map(m.pages.map(p => [p.file, p]));
	const linksTo = new Map(); // page -> set of files it links to
	for (const p of m.pages) {
		const d = data.get(p.file);
		if (!d) continue;
		const dir = path.dirname(p.file);
		const to = new Set();
		linksTo.set(p.file, to);
		if (d.lang !== 'en-GB') fail(p.file, 'lang', `<html lang="${d.lang ?? ''}">, not "en-GB"`);
		if (d.title.trim() === '') fail(p.file, 'title', 'the title is empty');
		if (d.scripts) fail(p.file, 'script', `${d.scripts} <script> element(s)`);
		for (const h of d.handlers) fail(p.file, 'script', `event handler ${h}`);
		for (const e of new Set(d.embedded)) fail(p.file, 'self-contained', `<${e}> in the page`);
		for (const th of d.thNoScope) fail(p.file, 'th-scope', `<th> "${th}" has no scope`);
		for (const i of d.images) if (!i.ok) fail(p.file, 'img', `image "${i.src}" was not shown`);
		const ids = new Set(d.ids);
		for (const u of d.urls) {
			const what = `${u.tag} ${u.attr}="${u.value}"`;
			let url;
			try {
				url = new URL(u.value, pathToFileURL(p.file));
			} catch {
				fail(p.file, 'link', `${what} is not a URL`);
				continue;
			}
			if (url.protocol === 'javascript:') {
				fail(p.file, 'script', `${what}`);
				continue;
			}
			if (url.protocol !== 'file:') {
				const web = u.tag === 'a' && ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol);
				if (!web) fail(p.file, 'outside', `${what} leads out of the page's folder`);
				continue;
			}
			const f = decodeURIComponent(url.pathname);
			if (f === p.file && u.value.startsWith('#')) {
				const id = decodeURIComponent(url.hash.slice(1));
				if (id === '' || !ids.has(id)) fail(p.file, 'link', `${what}: no element has the id "${id}"`);
				continue;
			}
			to.add(f);
			const inside = f.startsWith(dir + path.sep) || f === p.file;
			if (!inside && !p.allowed.includes(f)) {
				fail(p.file, 'outside', `${what} leads out of the page's folder`);
				continue;
			}
			if (!fs.existsSync(f) || !fs.statSync(f).isFile()) {
				fail(p.file, u.tag === 'img' ? 'img' : 'link', `${what}: there is no file ${path.relative(dir, f)}`);
				continue;
			}
			if (url.hash && url.hash !== '#') {
				const t = data.get(f);
				const id = decodeURIComponent(url.hash.slice(1));
				if (!t) fail(p.file, 'link', `${what}: links into a page not checked`);
				else if (!new Set(t.ids).has(id)) fail(p.file, 'link', `${what}: ${path.basename(f)} has no id "${id}"`);
			}
		}
		// numbered paragraphs and cross-references
		for (const q of d.paras) {
			const want = q.id.slice('para-'.length).replace(/[-_]/g, '.');
			if (q.num !== want) fail(p.file, 'paras', `#${q.id} shows the number "${q.num}"`);
		}
		for (const x of d.xrefs) {
			const t = bare(x.text);
			if (x.target === null) continue; // a broken link, failed above
			if (/^\d+(\.\d+)*$/.test(t) && t !== x.target) {
				fail(p.file, 'xref', `the link to #${x.href} reads "${t}", its paragraph is numbered ${x.target}`);
			}
		}
		if (m.paras.has(p.file)) {
			const got = d.paras.map(q => q.num).join(',');
			const ids = d.paras.map(q => q.id).join(',');
			const want = m.paras.get(p.file);
			if (got !== want.join(',') || ids !== want.map(n => 'para-' + n).join(',')) {
				fail(p.file, 'paras', `numbered paragraphs ${ids || 'none'} showing ${got || 'nothing'}, not ${want.join(',')}`);
			}
		}
		const pdf = m.pdf.get(p.file);
		if (pdf) {
			if (!to.has(pdf)) fail(p.file, 'pdf-link', `no link to its PDF ${path.basename(pdf)}`);
			try {
				const exact = m.paras.has(p.file);
				for (const [rule, what] of comparePdf(d, pdfData(pdf, opts.fakePdf), exact)) fail(p.file, rule, what);
			} catch (e) {
				fail(p.file, 'paras', e.message);
			}
		}
	}
	for (const [file, target] of m.link) {
		if (!(linksTo.get(file) || new Set()).has(target)) fail(file, 'link', `no link to ${path.basename(target)}`);
	}
	for (const [file, target] of m.nolink) {
		if ((linksTo.get(file) || new Set()).has(target)) fail(file, 'link', `links to ${path.basename(target)}`);
	}
	for (const dir of m.sites) {
		const index = path.join(dir, 'index.html');
		const seen = new Set([index]);
		const todo = [index];
		while (todo.length) {
			for (const f of linksTo.get(todo.pop()) || []) {
				if (!seen.has(f) && byFile.has(f)) {
					seen.add(f);
					todo.push(f);
				}
			}
		}
		if (!byFile.has(index)) fail(index, 'site', 'no index.html');
		for (const p of m.pages) {
			if (p.file.startsWith(dir + path.sep) && !seen.has(p.file)) {
				fail(p.file, 'site', `not reached from ${path.relative(path.dirname(dir), index)}`);
			}
		}
	}
}

// ---- the self-test ---------------------------------------------------------

// A good page: every check passes on it. Each case of SELFTEST breaks it in
// one way, and the check named must then fail (and may others).
const GOOD_STYLE = `
body { font: 1rem/1.5 sans-serif; margin: 0 auto; max-width: 45rem; padding: 0 1rem; color: #111; background: #fff; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #ff0; color: #000; }
a:focus-visible { outline: 3px solid #000; }
ol.paras { list-style: none; padding: 0; }
ol.paras > li { position: relative; padding-left: 3rem; }
ol.paras > li > a.num { position: absolute; left: 0; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.scroll { overflow-x: auto; }
img { max-width: 100%; }
@page { size: A4; margin: 2cm; }
@media print { .skip { display: none; } }
/*EXTRA*/`;

const GOOD_BODY = `<a class="skip" href="#main">Skip to main content</a>
<header><p>Finance Committee</p></header>
<main id="main">
<h1>A paper for the self-test</h1>
<table><caption>Front sheet</caption>
<tr><th scope="row">Committee</th><td>Finance Committee</td></tr>
<tr><th scope="row">Date</th><td>15 January 2019</td></tr></table>
<p><a href="paper.pdf">This paper as a PDF</a> · <a href="https://www.cityoflondon.gov.uk/">City of London</a>
· <a href="mailto:finance@example.org">finance@example.org</a></p>
<h2>Summary</h2>
<p>This report provides an update.</p>
<h2>Background</h2>
<ol class="paras">
<li id="para-1"><a class="num" href="#para-1"><span class="vh">Paragraph </span>1.</a> The Board was set up in 2016, as paragraph <a href="#para-2">2</a> says.<sup><a id="fnref-1" href="#fn-1"><span class="vh">Note </span>1</a></sup></li>
<li id="para-2"><a class="num" href="#para-2">2.</a> The Board has undertaken a review.</li>
</ol>
<figure><img src="paper.files/chart.png" alt="A chart of costs"></figure>
<div class="scroll" role="region" aria-label="Costs" tabindex="0"><table><caption>Costs</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Cost (£)</th><th scope="col">A long column heading</th><th scope="col">Another long heading</th></tr></thead>
<tbody><tr><td>A</td><td>1,000</td><td>averyveryveryveryverylongwordthatdoesnotbreak</td><td>more text here</td></tr></tbody></table></div>
<section aria-labelledby="fn-h"><h2 id="fn-h">Notes</h2><ol><li id="fn-1">A footnote. <a href="#fnref-1" aria-label="Back to the text">↩</a></li></ol></section>
</main>`;

function goodPage(title = 'A paper for the self-test', lang = 'en-GB', head = '') {
	return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${GOOD_STYLE}</style>${head}
</head>
<body>
${GOOD_BODY}
</body>
</html>
`;
}

const PDF_TEXT = '1.    The Board was set up in 2016, as paragraph 2 says.1\n2.    The Board has undertaken a review.\n';
const PDF_LINKS = '1\t1\t2\n';

// a case: [name, the rule that must fail, how the page is changed]; a
// change is a function of the page's text, or an object for the files
// beside it
const SELFTEST = [
	['good', null, (s) => s],
	['no alt', 'axe', (s) => s.replace(' alt="A chart of costs"', '')],
	['no th scope', 'th-scope', (s) => s.replace('<th scope="col">Item</th>', '<th>Item</th>')],
	['low contrast', 'axe', (s) => s.replace('/*EXTRA*/', 'main p { color: #aaa; }')],
	['broken link', 'link', (s) => s.replace('href="paper.pdf"', 'href="papr.pdf"')],
	['broken anchor', 'link', (s) => s.replace('href="#para-2">2</a>', 'href="#para-9">2</a>')],
	['empty anchor', 'link', (s) => s.replace('href="#fnref-1"', 'href="#"')],
	['missing image', 'img', (s) => s.replace('paper.files/chart.png', 'paper.files/chart2.png')],
	['image outside', 'outside', (s) => s.replace('paper.files/chart.png', '../chart.png')],
	['link outside', 'outside', (s) => s.replace('href="paper.pdf"', 'href="../other/paper.pdf"')],
	['external image', 'request', (s) => s.replace('paper.files/chart.png', 'http://127.0.0.1:9/chart.png')],
	['external font', 'request', (s) => s.replace('/*EXTRA*/', '@font-face { font-family: X; src: url(https://fonts.example.invalid/x.woff2); } body { font-family: X, sans-serif; }')],
	['external image on a phone', 'request', (s) => s.replace('/*EXTRA*/', '@media (max-width: 400px) { main { background: url(http://127.0.0.1:9/bg.png); } }')],
	['stylesheet outside', 'request', (s) => s.replace('</style>', '</style><link rel="stylesheet" href="../site.css">')],
	['too wide table', 'scroll', (s) => s.replace('<div class="scroll" role="region" aria-label="Costs" tabindex="0">', '<div>')],
	['too wide at 200% only', 'scroll', (s) => s.replace('/*EXTRA*/', '@media (min-width: 500px) and (max-width: 700px) { h1 { width: 900px; } }')],
	['script', 'script', (s) => s.replace('</main>', '</main><script>document.title = "x";</script>')],
	['handler', 'script', (s) => s.replace('<h1>', '<h1 onclick="void 0">')],
	['javascript url', 'script', (s) => s.replace('href="https://www.cityoflondon.gov.uk/"', 'href="javascript:void(0)"')],
	['iframe', 'self-contained', (s) => s.replace('</main>', '<iframe title="x" src="paper.files/chart.png"></iframe></main>')],
	['lang', 'lang', (s) => s.replace('lang="en-GB"', 'lang="en"')],
	['empty title', 'title', (s) => s.replace(/<title>[^<]*<\/title>/, '<title> </title>')],
	['invalid html', 'vnu', (s) => s.replace('<img src=', '<img width="50%" src=')],
	['no skip link', 'skip', (s) => s.replace('<a class="skip" href="#main">Skip to main content</a>', '')],
	['skip link hidden', 'skip', (s) => s.replace('.skip:focus { left: 1rem;', '.skip:focus {')],
	['no visible focus', 'focus', (s) => s.replace('a:focus-visible { outline: 3px solid #000; }', 'a:focus, a:focus-visible { outline: none; }')],
	['number wrong', 'paras', (s) => s.replace('href="#para-2">2.</a>', 'href="#para-2">3.</a>')],
	['paragraph missing', 'paras', (s) => s.replace(/<li id="para-2">.*<\/li>/, '<li>The Board has undertaken a review.</li>')],
	['paragraph words', 'paras', (s) => s.replace('has undertaken a review', 'undertook a review')],
	['xref text', 'xref', (s) => s.replace('href="#para-2">2</a>', 'href="#para-2">1</a>')],
	['xref missing', 'xref', (s) => s.replace('as paragraph <a href="#para-2">2</a> says', 'as paragraph 2 says')],
	['a paragraph only in the PDF', 'paras', { pdfText: PDF_TEXT + '3.    A third paragraph.\n' }],
	['no pdf link', 'pdf-link', (s) => s.replace('<a href="paper.pdf">This paper as a PDF</a> ·', '')],
	['letter paper', 'print', (s) => s.replace('@page { size: A4; margin: 2cm; }', '@page { size: letter; }')],
	['no print numbers', 'print', (s) => s.replace('@media print {', '@media print { a.num { display: none; }')],
	['unreached', 'site', { orphan: true }],
	['public links full', 'link', { fullLink: true }],
];

function png(w, h) {
	// a small grey RGB PNG
	const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0x80)]);
	const raw = Buffer.concat(Array.from({ length: h }, () => row));
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (b) => {
		let c = 0xffffffff;
		for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, d) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(d.length);
		const td = Buffer.concat([Buffer.from(type), d]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function selftest(dir) {
	const m = { pages: [], sites: [], pdf: new Map(), paras: new Map(), link: [], nolink: [], shots: [], print: [] };
	const cases = new Map();
	SELFTEST.forEach(([name, rule, change], i) => {
		// each case a folder DIR/case-N holding the PDFs of a pack beside
		// site/: paper.html, paper.files/chart.png, its stand-in PDF and, for
		// the cases about a site, index.html
		const root = path.join(dir, `case-${i}`);
		const site = path.join(root, 'site');
		fs.mkdirSync(path.join(site, 'paper.files'), { recursive: true });
		fs.writeFileSync(path.join(site, 'paper.files/chart.png'), png(40, 20));
		fs.writeFileSync(path.join(root, 'pack-public.pdf'), '%PDF-1.4\n');
		fs.writeFileSync(path.join(root, 'pack-full.pdf'), '%PDF-1.4\n');
		fs.writeFileSync(path.join(root, 'chart.png'), png(4, 4));
		fs.writeFileSync(path.join(root, 'site.css'), 'body { color: #111; }\n');
		fs.writeFileSync(path.join(site, 'paper.pdf'), '%PDF-1.4\n');
		fs.writeFileSync(path.join(site, 'paper.pdf.txt'), (typeof change === 'object' && change.pdfText) || PDF_TEXT);
		fs.writeFileSync(path.join(site, 'paper.pdf.links'), PDF_LINKS);
		const paper = path.join(site, 'paper.html');
		fs.writeFileSync(paper, typeof change === 'function' ? change(goodPage()) : goodPage());
		// axe is the slow check: only where it is the one to fail
		m.pages.push({ file: paper, allowed: [], axe: rule === null || rule === 'axe' });
		m.pdf.set(paper, path.join(site, 'paper.pdf'));
		m.paras.set(paper, ['1', '2']);
		if (rule === null || rule === 'print') m.print.push(paper);
		if (rule === null || rule === 'site' || rule === 'link') {
			const index = path.join(site, 'index.html');
			const full = typeof change === 'object' && change.fullLink;
			fs.writeFileSync(index, goodPage('The agenda').replace(/<main id="main">[^]*<\/main>/,
				`<main id="main"><h1>The agenda</h1><ol><li><a href="paper.html">A paper</a></li></ol>
<p><a href="../pack-public.pdf">The public pack (PDF)</a>${full ? ' <a href="../pack-full.pdf">The full pack (PDF)</a>' : ''}</p></main>`));
			m.pages.push({ file: index, allowed: [path.join(root, 'pack-public.pdf'), path.join(root, 'pack-full.pdf')], axe: rule === null });
			m.sites.push(site);
			m.link.push([index, path.join(root, 'pack-public.pdf')]);
			m.nolink.push([index, path.join(root, 'pack-full.pdf')]);
		}
		if (typeof change === 'object' && change.orphan) {
			const orphan = path.join(site, 'orphan.html');
			fs.writeFileSync(orphan, goodPage('An orphan').replace(/<main id="main">[^]*<\/main>/,
				'<main id="main"><h1>An orphan</h1><p><a href="index.html">The agenda</a></p></main>'));
			m.pages.push({ file: orphan, allowed: [], axe: false });
		}
		cases.set(root, [name, rule]);
	});
	const failures = await check(m, { shots: null, fakePdf: true });
	let bad = 0;
	for (const [root, [name, rule]] of cases) {
		const got = failures.filter(f => f.file.startsWith(root + path.sep));
		const rules = new Set(got.map(f => f.rule));
		if (process.env.CHECK_VERBOSE) for (const f of got) console.log(`${name}: ${f.rule}: ${f.what}`);
		if (rule === null ? got.length > 0 : !rules.has(rule)) {
			bad++;
			console.log(`self-test "${name}": expected ${rule === null ? 'no failure' : `a "${rule}" failure`}, got ${got.length ? '' : 'none'}`);
			for (const f of got) console.log(`    ${f.rule}: ${f.what}`);
		}
	}
	console.log(`self-test: ${SELFTEST.length - bad} of ${SELFTEST.length} cases as expected`);
	return bad === 0;
}

// ---- main ------------------------------------------------------------------

const argv = process.argv.slice(2);
if (argv[0] === '--selftest' && argv[1]) {
	fs.mkdirSync(argv[1], { recursive: true });
	process.exit((await selftest(path.resolve(argv[1]))) ? 0 : 1);
}
const opts = { shots: null };
if (argv[0] === '--shots') {
	opts.shots = path.resolve(argv[1]);
	fs.mkdirSync(opts.shots, { recursive: true });
	argv.splice(0, 2);
}
if (argv.length !== 1) {
	console.error('usage: node check.mjs [--shots DIR] MANIFEST | --selftest DIR');
	process.exit(2);
}
const m = readManifest(argv[0]);
if (m.pages.length === 0) {
	console.log('no page to check');
	process.exit(1);
}
const base = process.env.CHECK_BASE || '';
const t0 = Date.now();
const failures = await check(m, opts);
for (const f of failures) {
	console.log(`${base && f.file.startsWith(base) ? path.relative(base, f.file) : f.file}: ${f.rule}: ${f.what.replace(/\s+/g, " ")}`);
}
console.error(`checked ${m.pages.length} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
