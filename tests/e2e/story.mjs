// The whole story of a contest, on the real pages, in headless Chromium:
// the committee sets up a Bailang contest, three judges score on phone-sized screens (one saves
// a draft first), the committee closes, resolves any prize-zone tie, publishes, and the public
// announcement shows the winners of every cluster; then a contest in stages goes through its
// screening and its proposal stage, each sealed. Screenshots go to target/e2e/.
// Every distinct screen it reaches is checked with axe-core (any accessibility violation fails)
// and must satisfy the Content-Security-Policy; on phone-sized screens nothing may overflow
// to the right.
//
//   node tests/e2e/story.mjs [path-to-juri-binary]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.argv[2] ?? path.join(root, 'target/debug/juri');
const shots = path.join(root, 'target/e2e');
mkdirSync(shots, { recursive: true });
const db = path.join(shots, 'story.db');
for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });

const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
});
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ['serve'], {
  env: { ...process.env, DATABASE_URL: db, JURI_BIND: `127.0.0.1:${port}`, JURI_ADMIN_EMAIL: 'panitia@bailang.test', JURI_ADMIN_PASSWORD: 'panitia-bailang-2026', JURI_LOG: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => { try { server.kill('SIGTERM'); } catch { /* gone */ } };
process.on('exit', stop);
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const step = (s) => console.log(`e2e: ${s}`);

// axe-core runs inside each page through the DevTools protocol, which the page's CSP does not
// govern, so the policy the pages are held to stays the production one.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const a11y = [];
const audited = new Set();
async function audit(page) {
  const url = new URL(page.url());
  const key = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}') + url.search.replace(/[0-9a-f]{64}/g, '');
  if (audited.has(key)) return;
  audited.add(key);
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document));
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
    a11y.push(`${key}: ${v.id} (${v.impact}) ${v.help} at ${where}`);
  }
  const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  if (width.screen <= 480 && width.page > width.screen) {
    a11y.push(`${key}: ${width.page} px wide on a ${width.screen} px screen (cut off at the right)`);
  }
}
async function visit(page, url) {
  await page.goto(url);
  await audit(page);
}
async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
  await audit(page);
}

// The charts drawn on the server: at least `least` on the page, each one well-formed SVG as the
// server sent it (parsed as XML, not by the forgiving HTML parser), with its text alternative.
async function checkCharts(page, least) {
  const source = await (await page.context().request.get(page.url())).text();
  const charts = source.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
  assert.ok(charts.length >= least, `${page.url()}: ${charts.length} charts, expected at least ${least}`);
  const problems = await page.evaluate((svgs) => svgs.map((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const error = doc.getElementsByTagName('parsererror')[0];
    if (error) return error.textContent;
    const root = doc.documentElement;
    if (root.getAttribute('role') !== 'img' || !root.getAttribute('aria-label')) return 'no text alternative';
    return root.querySelector('circle, rect') ? null : 'nothing drawn';
  }).filter(Boolean), charts);
  assert.deepEqual(problems, [], `${page.url()}: charts`);
}

// Every page must satisfy the Content-Security-Policy: a violation is reported on the console.
const violations = [];
function watch(page) {
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => violations.push(`${page.url()}: ${err.message}`));
  return page;
}

async function signIn(context, email, password) {
  const page = watch(await context.newPage());
  await visit(page, `${base}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await submit(page, 'button[type=submit]');
  return page;
}

// 1. The committee sets up the contest.
const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const admin = await signIn(desk, 'panitia@bailang.test', 'panitia-bailang-2026');
assert.match(await admin.content(), /Selamat datang/);
await visit(admin, `${base}/contests`);
await admin.fill('input[name=name]', 'Lomba Inovasi Balangan 2026');
await admin.fill('input[name=year]', '2026');
await admin.selectOption('select[name=template]', 'bailang');
await submit(admin, 'form[action="/contests"] button[type=submit]');
const contestUrl = admin.url().split('?')[0];
step(`contest created at ${contestUrl}`);
await visit(admin, `${contestUrl}/rubric`);

// The pipeline: a screening stage declared through the overview's form (a refusal first, shown
// next to its field), then deleted again so the contest is judged in one stage.
await visit(admin, contestUrl);
const addStage = 'form[action$="/stages"]';
await admin.click(`details:has(${addStage}) summary`);
await admin.fill(`${addStage} input[name=name]`, 'Seleksi administrasi');
await admin.selectOption(`${addStage} select[name=kind]`, 'screening');
await admin.fill(`${addStage} input[name=weight]`, '0');
await submit(admin, `${addStage} button[type=submit]`); // no checklist: refused
assert.match(await admin.content(), /daftar periksa/);
await admin.fill(`${addStage} input[name=name]`, 'Seleksi administrasi');
await admin.selectOption(`${addStage} select[name=kind]`, 'screening');
await admin.fill(`${addStage} input[name=weight]`, '0');
await admin.fill(`${addStage} textarea[name=checklist]`, 'Proposal lengkap\nAda SK penetapan inovasi');
await admin.fill(`${addStage} input[name=position]`, '1');
await submit(admin, `${addStage} button[type=submit]`);
assert.deepEqual(await admin.$$eval('table.pipeline tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent)),
  ['Seleksi administrasi', 'Penilaian']);
await admin.click('details:has(form[action$="/delete"]) summary >> nth=0');
await submit(admin, 'form[action$="/delete"] button >> nth=0');
assert.equal(await admin.$$eval('table.pipeline tbody tr', (trs) => trs.length), 1);
step('a stage was declared on the overview and deleted again');

await visit(admin, `${contestUrl}/entries`);
await admin.setInputFiles('input[type=file][name=file]', path.join(root, 'tests/data/bailang-demo-entries.csv'));
await submit(admin, 'form[enctype="multipart/form-data"] button[type=submit]');
assert.match(await admin.content(), /Sanggam Babungas/);
step('33 entries imported from CSV');

// The first innovation's evidence for the first criterion: a PDF, uploaded on its documents
// screen, which a judge then opens from the score sheet.
const evidencePdf = path.join(shots, 'bukti-dukung.pdf');
writeFileSync(evidencePdf, '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
await visit(admin, `${base}${await admin.getAttribute('table tbody tr:first-child a[href$="/documents"]', 'href')}`);
await admin.setInputFiles('input[type=file][name=file]', evidencePdf);
await admin.selectOption('select[name=kind]', 'evidence');
await admin.selectOption('select[name=criterion_id]', { index: 1 });
await submit(admin, 'form[enctype="multipart/form-data"] button[type=submit]');
assert.match(await admin.content(), /bukti-dukung\.pdf/);
step('evidence uploaded for the first innovation');

// An entrant files its own innovation on a phone: the committee registers the agency, requires
// a maturity, a design and a proposal document, and opens registration; the agency sets its
// password through the one-time link, fills the proposal, is refused until the PDF is there,
// and submits.
const entrantTitle = 'Desa Mandiri Data (DEMAND)';
const entrantDesign = 'Setiap desa mengisi data pembangunan sendiri melalui formulir sederhana dan memantau capaiannya.';
await visit(admin, `${contestUrl}/entrants`);
await admin.fill('form[action$="/entrants"] input[name=name]', 'Dinas Pemberdayaan Masyarakat dan Desa');
await admin.fill('form[action$="/entrants"] input[name=email]', 'dpmd@balangan.example');
await admin.fill('form[action$="/entrants"] input[name=unit]', 'Dinas Pemberdayaan Masyarakat dan Desa');
await submit(admin, 'form[action$="/entrants"] button[type=submit]');
const link = (await admin.textContent('code')).trim();
assert.match(link, /\/set-password\//);
for (const value of ['maturity', 'design']) await admin.check(`input[name=required_fields][value=${value}]`);
await admin.check('input[name=required_documents][value=proposal]');
await submit(admin, 'form[action$="/requirements"] button[type=submit]');
await admin.check('input[name=registration_open]');
await submit(admin, 'form[action$="/registration"] button[type=submit]');
assert.equal(admin.url().includes('notice=saved'), true, 'registration opened');
step('an entrant was registered with a one-time link; registration is open');

const agencyPhone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const agency = watch(await agencyPhone.newPage());
await visit(agency, link);
await agency.fill('input[name=password]', 'dpmd-balangan-2026');
await agency.fill('input[name=repeat]', 'dpmd-balangan-2026');
await submit(agency, 'button[type=submit]');
assert.match(agency.url(), /\/login/);
await agency.fill('input[name=email]', 'dpmd@balangan.example');
await agency.fill('input[name=password]', 'dpmd-balangan-2026');
await submit(agency, 'button[type=submit]');
await visit(agency, `${base}${await agency.getAttribute('a.button[href$="/entries/new"]', 'href')}`);
await agency.fill('input[name=title]', entrantTitle);
await agency.fill('input[name=innovator]', 'Tim Bidang Pemerintahan Desa');
await agency.fill('textarea[name=description]', 'Data desa diisi dan dipantau oleh desa sendiri.');
await agency.selectOption('select[name=maturity]', 'penerapan');
await agency.selectOption('select[name=digital]', 'true');
await agency.fill('textarea[name=design]', entrantDesign);
await submit(agency, 'form[action$="/entries"] button[type=submit]');
assert.match(await agency.content(), /draf/);
await submit(agency, 'form[action$="/submit"] button'); // no proposal document yet: refused
assert.match(await agency.content(), /wajib diunggah/);
const proposalPdf = path.join(shots, 'proposal-demand.pdf');
writeFileSync(proposalPdf, '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
await agency.setInputFiles('input[type=file][name=file]', proposalPdf);
await agency.selectOption('select[name=kind]', 'proposal');
await submit(agency, 'form[enctype="multipart/form-data"] button[type=submit]');
assert.match(await agency.content(), /proposal-demand\.pdf/);
await submit(agency, 'form[action$="/submit"] button');
assert.match(await agency.content(), /diajukan/);
await agency.screenshot({ path: path.join(shots, 'entrant-entry-phone.png'), fullPage: true });
await visit(agency, base);
assert.equal(await agency.$$eval('ul.entrant-entries > li', (lis) => lis.length), 1, 'the agency sees only its own innovation');
step('the entrant filed its innovation with a proposal PDF on a 390x844 screen and submitted it');
await visit(admin, `${contestUrl}/entrants`);
await admin.uncheck('input[name=registration_open]');
await submit(admin, 'form[action$="/registration"] button[type=submit]');

const judges = [
  ['Dr. Siti Rahmawati', 'siti@juri.example', 'Universitas Lambung Mangkurat'],
  ['Ir. Bambang Hartono', 'bambang@juri.example', 'BRIDA Provinsi Kalimantan Selatan'],
  ['Dewi Lestari', 'dewi@juri.example', 'Lembaga Administrasi Negara'],
];
for (const [name, email, affiliation] of judges) {
  await visit(admin, `${contestUrl}/judges`);
  await admin.fill('form[action$="/judges"] input[name=name]', name);
  await admin.fill('form[action$="/judges"] input[name=email]', email);
  await admin.fill('form[action$="/judges"] input[name=affiliation]', affiliation);
  await admin.fill('form[action$="/judges"] input[name=password]', 'juri-bailang-2026');
  await submit(admin, 'form[action$="/judges"] button[type=submit]');
  assert.equal(admin.url().includes('notice=saved'), true, `judge ${email} added`);
}
step('three judges added');

await visit(admin, `${contestUrl}/assignments`);
await admin.fill('input[name=judges_per_entry]', '2');
await submit(admin, 'form[action$="/assignments/auto"] button[type=submit] >> nth=0');
assert.equal(admin.url().includes('notice=saved'), true, 'automatic assignment');
await visit(admin, contestUrl);
await submit(admin, 'form[action$="/phase"] button');
assert.match(await admin.content(), /Tutup penilaian/);
await visit(admin, `${contestUrl}/monitor`);
step('judging is open');

// 2. Each judge scores on a phone.
let judgeNo = 0;
let evidenceOpened = 0;
let proposalOpened = 0;
for (const [, email] of judges) {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await signIn(phone, email, 'juri-bailang-2026');
  const links = await page.$$eval('ul.entries a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length > 0, `${email} has assignments`);
  for (const [i, href] of links.entries()) {
    await visit(page, `${base}${href}`);
    if ((await page.textContent('h1')).trim() === entrantTitle) {
      // The entrant's proposal fields and its PDF, on the score sheet.
      assert.match(await page.textContent('.proposal'), /Setiap desa mengisi data pembangunan/);
      const proposal = await page.$('section.documents a');
      const res = await page.context().request.get(`${base}${await proposal.getAttribute('href')}`);
      assert.equal(res.headers()['content-type'], 'application/pdf');
      proposalOpened += 1;
    }
    const evidence = await page.$('fieldset.criterion p.evidence a');
    if (evidence) {
      // Opens in the phone browser's own viewer: the link's target is the stored PDF.
      const res = await page.context().request.get(`${base}${await evidence.getAttribute('href')}`);
      assert.equal(res.headers()['content-type'], 'application/pdf');
      assert.equal((await res.body()).subarray(0, 5).toString(), '%PDF-');
      evidenceOpened += 1;
    }
    if (judgeNo === 0 && i === links.length - 1) {
      // The first judge knows the last innovation's team: a declared conflict, not a score.
      await page.click('details:has(form[action$="/recusal"]) summary');
      await page.fill('form[action$="/recusal"] textarea[name=reason]', 'Saya pernah membina tim inovasi ini');
      await submit(page, 'form[action$="/recusal"] button');
      assert.match(await page.content(), /Konflik kepentingan dicatat/);
      await visit(admin, `${contestUrl}/monitor?recusal`); // with its reassignment form
      assert.match(await admin.content(), /Saya pernah membina tim inovasi ini/);
      continue;
    }
    const inputs = await page.$$('input[type=number][name^=score_]');
    for (const [k, input] of inputs.entries()) {
      await input.fill(String(40 + ((i * 7 + k * 13 + judgeNo * 5) % 61)));
    }
    const draftFirst = judgeNo === 0 && i === 0;
    if (draftFirst) {
      // The live total (the one script, served from /static/ under the CSP) follows the typing.
      await page.waitForFunction(() => document.getElementById('live-total').textContent !== '0.00');
      await submit(page, 'button[value=draft]');
      assert.match(await page.content(), /Draf disimpan/);
      await page.screenshot({ path: path.join(shots, 'score-sheet-phone.png'), fullPage: true });
    }
    await submit(page, 'button[value=submit]');
    assert.match(await page.content(), /Lembar penilaian terkirim/, `${email} submitted ${href}`);
  }
  await visit(page, base);
  const scored = links.length - (judgeNo === 0 ? 1 : 0);
  assert.match(await page.content(), new RegExp(`${scored} dari ${scored} terkirim`));
  step(`${email} scored ${scored} entries on a 390x844 screen${judgeNo === 0 ? ' and declared one conflict' : ''}`);
  await phone.close();
  judgeNo++;
}
assert.ok(evidenceOpened >= 1, 'a judge opened the evidence from the score sheet');
assert.ok(proposalOpened >= 1, "a judge opened the entrant's proposal from the score sheet");
step(`the entrant's proposal PDF was opened from ${proposalOpened} score sheets`);
step(`the evidence was opened from ${evidenceOpened} score sheets`);

// 3. The committee watches progress, closes judging, resolves ties, publishes.
await visit(admin, `${contestUrl}/monitor?done`);
await visit(admin, contestUrl);
await submit(admin, 'form[action$="/phase"] button');
await visit(admin, `${contestUrl}/results`);
await checkCharts(admin, 1);
assert.match(await admin.content(), /SEMENTARA/);
for (let guard = 0; guard < 10; guard++) {
  const tie = await admin.$('form[action$="/tie-resolution"]');
  if (!tie) break;
  await admin.fill('form[action$="/tie-resolution"] textarea[name=reason] >> nth=0', 'Diputuskan rapat dewan juri');
  await submit(admin, 'form[action$="/tie-resolution"] button >> nth=0');
  step('a prize-zone tie was ordered by the committee');
}
await admin.screenshot({ path: path.join(shots, 'committee-results.png'), fullPage: true });
await submit(admin, 'form[action$="/publish"] button');
assert.match(await admin.content(), /Hasil diumumkan/);
const digest = (await admin.textContent('p.notice')).match(/[0-9a-f]{64}/)[0];
step(`published with digest ${digest}`);
await visit(admin, `${contestUrl}/berita-acara`);
assert.match(await admin.content(), /Berita Acara Penetapan Pemenang/);
await admin.screenshot({ path: path.join(shots, 'berita-acara.png'), fullPage: true });
for (const screen of ['piagam', 'audit', 'entries', 'judges', 'assignments', 'analysis']) await visit(admin, `${contestUrl}/${screen}`);
assert.match(await admin.content(), /skenario/, 'the analysis says which places hold');
await checkCharts(admin, 3);
step('the results and analysis charts are well-formed SVG');
await visit(admin, `${base}${await admin.getAttribute('a[href$="/laporan-analisis"]', 'href')}`);
assert.match(await admin.content(), /Laporan Analisis Penilaian/);
for (const screen of ['/users', '/account', '/contests']) await visit(admin, `${base}${screen}`);
// The same screens in English.
await visit(admin, `${base}/lang/en?next=${encodeURIComponent(`/contests/${contestUrl.split('/').pop()}/results`)}`);
assert.match(await admin.content(), /lang="en"/);
await visit(admin, `${contestUrl}/monitor?en`);
await visit(admin, `${base}/lang/id?next=/`);
step('every staff screen passed axe-core, in Indonesian and in English');

// 4. The public announcement, without signing in.
const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
const pub = watch(await visitor.newPage());
const id = contestUrl.split('/').pop();
await visit(pub, `${base}/public/contests/${id}`);
const html = await pub.content();
for (const cluster of ['SKPD', 'Kecamatan', 'UPTD Puskesmas', 'Tenaga Pendidik']) {
  assert.match(html, new RegExp(`<h2>${cluster}</h2>`), `the announcement lists ${cluster}`);
}
assert.match(html, /Juara I/);
assert.ok(html.includes(digest), 'the announcement carries the digest');
await pub.screenshot({ path: path.join(shots, 'announcement.png'), fullPage: true });
step('the public announcement shows the winners of every cluster');
await visit(agency, base);
await visit(agency, `${base}${await agency.getAttribute('ul.entrant-entries a', 'href')}`);
assert.match(await agency.content(), /Laporan hasil/);
assert.ok((await agency.$$eval('td.num', (tds) => tds.length)) >= 10, 'the report sets each criterion beside the cluster');
await agency.screenshot({ path: path.join(shots, 'entrant-report-phone.png'), fullPage: true });
step("the entrant reads its innovation's report beside the cluster's means");
await agencyPhone.close();
await visit(pub, `${base}/public/contests/00000000-0000-4000-8000-000000000000`);

// 5. A contest in stages: administrative screening, then the desk scoring of the proposals.
await visit(admin, `${base}/contests`);
await admin.fill('input[name=name]', 'Lomba Inovasi Bertahap 2026');
await admin.fill('input[name=year]', '2026');
await admin.selectOption('select[name=template]', 'bertahap');
await submit(admin, 'form[action="/contests"] button[type=submit]');
const stagedUrl = admin.url().split('?')[0];
assert.deepEqual(await admin.$$eval('table.pipeline tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent)),
  ['Seleksi administrasi', 'Penilaian proposal', 'Presentasi dan wawancara', 'Verifikasi lapangan']);
await visit(admin, `${stagedUrl}/entries`);
await admin.setInputFiles('input[type=file][name=file]', path.join(root, 'tests/data/bailang-demo-entries.csv'));
await submit(admin, 'form[enctype="multipart/form-data"] button[type=submit]');
for (const [name, email, affiliation] of judges) {
  await visit(admin, `${stagedUrl}/judges`);
  await admin.fill('form[action$="/judges"] input[name=name]', name);
  await admin.fill('form[action$="/judges"] input[name=email]', email);
  await admin.fill('form[action$="/judges"] input[name=affiliation]', affiliation);
  await admin.fill('form[action$="/judges"] input[name=password]', 'juri-bailang-2026');
  await submit(admin, 'form[action$="/judges"] button[type=submit]');
}
await visit(admin, stagedUrl);
await submit(admin, 'form[action$="/phase"] button'); // the screening opens: the committee screens
const stageLink = async (n) => `${base}${await admin.getAttribute(`table.pipeline tbody tr:nth-child(${n}) a`, 'href')}`;
const screeningUrl = await stageLink(1);
await visit(admin, screeningUrl);
const screeningForms = await admin.$$eval('form[action*="/screening/"]', (fs) => fs.map((f) => f.getAttribute('action')));
assert.equal(screeningForms.length, 33);
for (const [i, action] of screeningForms.entries()) {
  const form = `form[action="${action}"]`;
  if (i >= 6) {
    // Only six proposals are complete; the others miss a document of the checklist.
    await admin.check(`${form} input[name=eligible][value=false]`);
    await admin.check(`${form} input[name=failed] >> nth=0`);
  }
  await submit(admin, `${form} button[type=submit]`);
}
await visit(admin, stagedUrl);
await submit(admin, 'form[action$="/phase"] button'); // closed
await visit(admin, screeningUrl);
await submit(admin, 'form[action$="/seal"] button');
assert.match(await admin.content(), /Tahap dikunci/);
await visit(admin, `${screeningUrl}/berita-acara`);
await visit(admin, `${screeningUrl}/nominasi`);
assert.equal(await admin.$$eval('article.document ol li', (lis) => lis.length), 6);
step('the screening was decided entry by entry and sealed: 6 of 33 proposals go on');

await visit(admin, `${stagedUrl}/assignments`);
await admin.fill('input[name=judges_per_entry]', '2');
await submit(admin, 'form[action$="/assignments/auto"] button[type=submit] >> nth=0');
await visit(admin, stagedUrl);
await submit(admin, 'form[action$="/phase"] button'); // the proposal stage opens
for (const [n, [, email]] of judges.entries()) {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await signIn(phone, email, 'juri-bailang-2026');
  const links = await page.$$eval(`ul.entries a[href^="/contests/${stagedUrl.split('/').pop()}/"]`, (as) => as.map((a) => a.getAttribute('href')));
  for (const [i, href] of links.entries()) {
    await visit(page, `${base}${href}`);
    const inputs = await page.$$('input[type=number][name^=score_]');
    for (const [k, input] of inputs.entries()) await input.fill(String(50 + ((i * 11 + k * 7 + n * 3) % 51)));
    await submit(page, 'button[value=submit]');
    assert.match(await page.content(), /Lembar penilaian terkirim/);
  }
  await phone.close();
}
await visit(admin, stagedUrl);
await submit(admin, 'form[action$="/phase"] button'); // closed
const deskUrl = await stageLink(2);
await visit(admin, deskUrl);
await submit(admin, 'form[action$="/seal"] button');
assert.match(await admin.content(), /Tahap dikunci/);
await admin.screenshot({ path: path.join(shots, 'stage-sealed.png'), fullPage: true });
await visit(admin, `${deskUrl}/berita-acara`);
// The sealed stage's analysis, reached from its page: a record, without the gate's forms.
await visit(admin, deskUrl);
await visit(admin, `${base}${await admin.getAttribute('a[href$="/analysis"]', 'href')}`);
assert.match(await admin.content(), /skenario/);
assert.equal(await admin.$('form[action$="/analysis/acknowledgement"]'), null);
await checkCharts(admin, 1);
await visit(admin, stagedUrl);
assert.match(await admin.content(), /SKPD: 6 → 6|→/);
step('the proposals were scored on phones and the stage sealed; the presentation stage is next');

await browser.close();
stop();
assert.deepEqual(violations, [], 'no page broke the Content-Security-Policy or threw');
console.log(`e2e: axe-core checked ${audited.size} distinct screens`);
assert.deepEqual(a11y, [], 'no accessibility violation (axe-core) and no phone page cut off');
console.log('e2e: 1 passed, 0 failed');
