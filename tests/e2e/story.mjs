// The whole story of a contest, on the real pages, in headless Chromium:
// the committee sets up a Bailang contest, three judges score on phone-sized screens (one saves
// a draft first), the committee closes, resolves any prize-zone tie, publishes, and the public
// announcement shows the winners of every cluster. Screenshots go to target/e2e/.
//
//   node tests/e2e/story.mjs [path-to-juri-binary]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
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
  await page.goto(`${base}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}

// 1. The committee sets up the contest.
const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const admin = await signIn(desk, 'panitia@bailang.test', 'panitia-bailang-2026');
assert.match(await admin.content(), /Selamat datang/);
await admin.goto(`${base}/contests`);
await admin.fill('input[name=name]', 'Lomba Inovasi Balangan 2026');
await admin.fill('input[name=year]', '2026');
await admin.selectOption('select[name=template]', 'bailang');
await Promise.all([admin.waitForNavigation(), admin.click('form[action="/contests"] button[type=submit]')]);
const contestUrl = admin.url().split('?')[0];
step(`contest created at ${contestUrl}`);

await admin.goto(`${contestUrl}/entries`);
await admin.setInputFiles('input[type=file][name=file]', path.join(root, 'tests/data/bailang-demo-entries.csv'));
await Promise.all([admin.waitForNavigation(), admin.click('form[enctype="multipart/form-data"] button[type=submit]')]);
assert.match(await admin.content(), /Sanggam Babungas/);
step('33 entries imported from CSV');

const judges = [
  ['Dr. Siti Rahmawati', 'siti@juri.example', 'Universitas Lambung Mangkurat'],
  ['Ir. Bambang Hartono', 'bambang@juri.example', 'BRIDA Provinsi Kalimantan Selatan'],
  ['Dewi Lestari', 'dewi@juri.example', 'Lembaga Administrasi Negara'],
];
for (const [name, email, affiliation] of judges) {
  await admin.goto(`${contestUrl}/judges`);
  await admin.fill('form[action$="/judges"] input[name=name]', name);
  await admin.fill('form[action$="/judges"] input[name=email]', email);
  await admin.fill('form[action$="/judges"] input[name=affiliation]', affiliation);
  await admin.fill('form[action$="/judges"] input[name=password]', 'juri-bailang-2026');
  await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/judges"] button[type=submit]')]);
  assert.equal(admin.url().includes('notice=saved'), true, `judge ${email} added`);
}
step('three judges added');

await admin.goto(`${contestUrl}/assignments`);
await admin.fill('input[name=judges_per_entry]', '2');
await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/assignments/auto"] button[type=submit] >> nth=0')]);
assert.equal(admin.url().includes('notice=saved'), true, 'automatic assignment');
await admin.goto(contestUrl);
await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/phase"] button')]);
assert.match(await admin.content(), /Tutup penilaian/);
step('judging is open');

// 2. Each judge scores on a phone.
let judgeNo = 0;
for (const [, email] of judges) {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await signIn(phone, email, 'juri-bailang-2026');
  const links = await page.$$eval('ul.entries a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length > 0, `${email} has assignments`);
  for (const [i, href] of links.entries()) {
    await page.goto(`${base}${href}`);
    const inputs = await page.$$('input[type=number][name^=score_]');
    for (const [k, input] of inputs.entries()) {
      await input.fill(String(40 + ((i * 7 + k * 13 + judgeNo * 5) % 61)));
    }
    const draftFirst = judgeNo === 0 && i === 0;
    if (draftFirst) {
      // The live total (the one script, served from /static/ under the CSP) follows the typing.
      await page.waitForFunction(() => document.getElementById('live-total').textContent !== '0.00');
      await Promise.all([page.waitForNavigation(), page.click('button[value=draft]')]);
      assert.match(await page.content(), /Draf disimpan/);
      await page.screenshot({ path: path.join(shots, 'score-sheet-phone.png'), fullPage: true });
    }
    await Promise.all([page.waitForNavigation(), page.click('button[value=submit]')]);
    assert.match(await page.content(), /Lembar penilaian terkirim/, `${email} submitted ${href}`);
  }
  await page.goto(base);
  assert.match(await page.content(), new RegExp(`${links.length} dari ${links.length} terkirim`));
  step(`${email} scored ${links.length} entries on a 390x844 screen`);
  await phone.close();
  judgeNo++;
}

// 3. The committee closes judging, resolves ties, publishes.
await admin.goto(contestUrl);
await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/phase"] button')]);
await admin.goto(`${contestUrl}/results`);
assert.match(await admin.content(), /SEMENTARA/);
for (let guard = 0; guard < 10; guard++) {
  const tie = await admin.$('form[action$="/tie-resolution"]');
  if (!tie) break;
  await admin.fill('form[action$="/tie-resolution"] textarea[name=reason] >> nth=0', 'Diputuskan rapat dewan juri');
  await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/tie-resolution"] button >> nth=0')]);
  step('a prize-zone tie was ordered by the committee');
}
await admin.screenshot({ path: path.join(shots, 'committee-results.png'), fullPage: true });
await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/publish"] button')]);
assert.match(await admin.content(), /Hasil diumumkan/);
const digest = (await admin.textContent('p.notice')).match(/[0-9a-f]{64}/)[0];
step(`published with digest ${digest}`);
await admin.goto(`${contestUrl}/berita-acara`);
assert.match(await admin.content(), /Berita Acara Penetapan Pemenang/);
await admin.screenshot({ path: path.join(shots, 'berita-acara.png'), fullPage: true });

// 4. The public announcement, without signing in.
const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
const pub = watch(await visitor.newPage());
const id = contestUrl.split('/').pop();
await pub.goto(`${base}/public/contests/${id}`);
const html = await pub.content();
for (const cluster of ['SKPD', 'Kecamatan', 'UPTD Puskesmas', 'Tenaga Pendidik']) {
  assert.match(html, new RegExp(`<h2>${cluster}</h2>`), `the announcement lists ${cluster}`);
}
assert.match(html, /Juara I/);
assert.ok(html.includes(digest), 'the announcement carries the digest');
await pub.screenshot({ path: path.join(shots, 'announcement.png'), fullPage: true });
step('the public announcement shows the winners of every cluster');

await browser.close();
stop();
assert.deepEqual(violations, [], 'no page broke the Content-Security-Policy or threw');
console.log('e2e: 1 passed, 0 failed');
