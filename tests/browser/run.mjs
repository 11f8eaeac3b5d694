// Drives Debian's Chromium through shipmate's customer pages as a customer would, saves
// screenshots, and audits each page with axe-core. Usage: node run.mjs <plan.json>
// The plan names the base URL, the pages, and where screenshots go; the result (steps and
// serious or critical accessibility violations) is printed as JSON on stdout.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync(plan.screenshots, { recursive: true });
const result = { steps: [], violations: {} };
const step = (name, ok, detail = '') => result.steps.push({ name, ok, detail });

async function audit(page, name) {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document);
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  result.violations[name] = found;
}

const browser = await chromium.launch({
  executablePath: plan.chromium,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  // Desktop: the tracking page, then the QR code's page for a delivered parcel → feedback.
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  let page = await desktop.newPage();
  await page.goto(plan.base + plan.tracking);
  step('tracking page shows the status', (await page.textContent('h1'))?.includes('Delivered') ?? false, await page.textContent('h1'));
  await page.screenshot({ path: `${plan.screenshots}/tracking-desktop.png`, fullPage: true });
  await audit(page, 'tracking');

  await page.goto(plan.base + plan.package);
  step('the QR page opens the feedback form once delivered', page.url().includes('/f/'), page.url());
  await audit(page, 'feedback');
  await page.getByLabel('5 — Excellent').check();
  await page.getByLabel('10', { exact: true }).check();
  await page.fill('#comment', 'Arrived a day early, thank you!');
  await page.screenshot({ path: `${plan.screenshots}/feedback-desktop.png`, fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  const thanks = (await page.textContent('h1')) ?? '';
  step('one tap and a comment give a thank-you', thanks.includes('Thank you'), thanks);
  await page.screenshot({ path: `${plan.screenshots}/thanks-desktop.png`, fullPage: true });
  await audit(page, 'thanks');

  // Keyboard only: the rating can be chosen and sent without a mouse.
  page = await desktop.newPage();
  await page.goto(plan.base + plan.keyboard);
  await page.focus('input[name=rating][value="4"]');
  await page.keyboard.press('Space');
  await page.focus('button[type=submit]');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  step('the form works from the keyboard', ((await page.textContent('h1')) ?? '').includes('Thank you'));

  // Order lookup, reached as a customer does: the shop's link at the foot of a tracking page.
  page = await desktop.newPage();
  await page.goto(plan.base + plan.tracking);
  await Promise.all([page.waitForNavigation(), page.click('a[href^="/track/"]')]);
  await audit(page, 'lookup');
  await page.fill('#order', plan.lookup.order);
  await page.fill('#email', plan.lookup.email);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  step('order lookup leads to the tracking page', page.url().includes('/t/'), page.url());

  // Mobile, and Arabic right to left.
  const mobile = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, bypassCSP: true });
  page = await mobile.newPage();
  await page.goto(plan.base + plan.tracking);
  await page.screenshot({ path: `${plan.screenshots}/tracking-mobile.png`, fullPage: true });
  page = await mobile.newPage();
  await page.goto(plan.base + plan.arabic);
  const dir = await page.getAttribute('html', 'dir');
  step('Arabic pages run right to left', dir === 'rtl', dir ?? '');
  await page.screenshot({ path: `${plan.screenshots}/tracking-arabic-mobile.png`, fullPage: true });
  await audit(page, 'tracking-arabic');
  page = await mobile.newPage();
  await page.goto(plan.base + plan.arabicFeedback);
  await page.screenshot({ path: `${plan.screenshots}/feedback-arabic-mobile.png`, fullPage: true });
  await audit(page, 'feedback-arabic');

  // The merchant console: a merchant's first day at desktop width, then every page again at
  // phone width. Each page is screenshot and audited at both.
  if (plan.console) {
    const c = plan.console;
    const shoot = async (p, name, tag) => {
      await p.screenshot({ path: `${plan.screenshots}/console-${name}-${tag}.png`, fullPage: true });
      await audit(p, `console-${name}-${tag}`);
    };
    const notice = async (p) => (await p.textContent('[role=status]').catch(() => '')) ?? '';
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page = await ctx.newPage();
    // Accept the invitation and choose a password: signed in.
    await page.goto(c.invitation);
    await shoot(page, 'invitation', 'desktop');
    await page.getByLabel('Password').fill(c.password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    step('console: the owner accepts the invitation and is signed in', page.url().endsWith('/console'), page.url());
    const overview = (await page.textContent('main')) ?? '';
    step('console: the overview counts the parcels by status', overview.includes('Parcels by status') && overview.includes('Needs attention'), overview.slice(0, 200));
    const overviewCharts = await page.$$eval('section.analytics', (ss) => ss.filter((s) => s.querySelector('svg[role=img] title') && s.querySelector('table')).length);
    step('console: the overview draws its charts, each with its table', overviewCharts === 2, String(overviewCharts));
    await shoot(page, 'overview', 'desktop');
    // Sign out, and in again from the keyboard.
    await Promise.all([page.waitForNavigation(), page.click('nav button:text-is("Sign out")')]);
    await shoot(page, 'sign-in', 'desktop');
    await page.getByLabel('E-mail address').fill(c.email);
    await page.getByLabel('Password').fill(c.password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    step('console: sign in from the keyboard', page.url().endsWith('/console'), page.url());

    // Connect a carrier (UPS, at a fake of its API) and test the connection.
    await page.goto(plan.base + '/console/carriers');
    await shoot(page, 'carriers', 'desktop');
    await page.fill('#ups-client_id', c.ups.client_id);
    await page.fill('#ups-client_secret', c.ups.client_secret);
    await Promise.all([page.waitForNavigation(), page.click('#ups form.settings button[type=submit]')]);
    step('console: the UPS account is saved', (await notice(page)).includes('Saved'), await notice(page));
    await Promise.all([page.waitForNavigation(), page.click('#ups button:text-is("Test connection")')]);
    step('console: the connection test passes', (await notice(page)).includes('accepted'), await notice(page));

    // Change the brand colour: the preview follows before saving, then it is saved.
    await page.goto(plan.base + '/console/branding');
    const brandHref = async () => {
      const frame = page.frames().find((f) => f.url().includes('/console/branding/page'));
      return frame ? await frame.getAttribute('link[href^="/assets/brand/"]', 'href') : '';
    };
    const before = await brandHref();
    await page.fill('#brand_color', '#7a1f5c');
    await page.waitForFunction(() => document.querySelector('iframe[data-src="/console/branding/page"]').src.includes('7a1f5c'));
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    const after = await brandHref();
    step('console: the preview changes with the colour, before saving', before !== after && (after ?? '').includes('7a1f5c'), `${before} → ${after}`);
    await shoot(page, 'branding', 'desktop');
    await Promise.all([page.waitForNavigation(), page.click('form.settings button:text-is("Save")')]);
    step('console: the brand is saved', (await notice(page)).includes('Saved'), await notice(page));
    // Upload a logo from the file picker: checked, written again, shown at once.
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="40" height="40" rx="8" fill="#7a1f5c"/><text x="48" y="27" font-size="18">Acme</text></svg>';
    await page.setInputFiles('#logo', { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Upload logo")')]);
    await page.waitForFunction(() => document.querySelector('img.logo-current')?.complete);
    const logoWidth = await page.evaluate(() => document.querySelector('img.logo-current')?.naturalWidth ?? 0);
    step('console: the uploaded logo is shown', (await notice(page)).includes('new logo') && logoWidth > 0, `${await notice(page)} (${logoWidth}px)`);
    await shoot(page, 'branding-logo', 'desktop');

    // Turn "shipped" off for SMS; preview a message as an SMS.
    await page.goto(plan.base + '/console/messages');
    await page.uncheck('input[name="t.shipped"][value="sms"]');
    await Promise.all([page.waitForNavigation(), page.click('form[method=post] button:text-is("Save")')]);
    const off = !(await page.isChecked('input[name="t.shipped"][value="sms"]'));
    step('console: "shipped" is off for SMS', off && (await notice(page)).includes('Saved'), await notice(page));
    await page.selectOption('#p-channel', 'sms');
    await page.waitForFunction(() => document.querySelector('iframe[data-src="/console/messages/preview"]').src.includes('channel=sms'));
    await page.waitForTimeout(500);
    const sms = page.frames().find((f) => f.url().includes('channel=sms'));
    const smsText = sms ? ((await sms.textContent('body')) ?? '') : '';
    step('console: the SMS preview gives its length in messages', smsText.includes('message(s)'), smsText.slice(-80));
    await shoot(page, 'messages', 'desktop');

    // Find the parcel the API registered by its order number, open it, send a message again.
    await page.goto(plan.base + '/console/shipments');
    await page.fill('#q', c.order);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const listed = (await page.textContent('main')) ?? '';
    step('console: search by order number finds the parcel', listed.includes(c.number), page.url());
    await shoot(page, 'shipments', 'desktop');
    // The same list filtered by carrier and creation day, as a merchant narrows it down.
    await page.goto(plan.base + '/console/shipments');
    const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    await page.fill('#from', yesterday);
    await page.selectOption('#carrier', c.carrier);
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    const narrowed = (await page.textContent('main')) ?? '';
    step('console: the list filtered by carrier and day keeps the parcel', narrowed.includes(c.number) && page.url().includes('carrier='), page.url());
    await Promise.all([page.waitForNavigation(), page.click(`text=${c.number}`)]);
    const shown = (await page.textContent('h1')) ?? '';
    step("console: the shipment's page", shown.includes(c.order), shown);
    await shoot(page, 'shipment', 'desktop');
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Send again") >> nth=0')]);
    step('console: a message is sent again', (await notice(page)).length > 0, await notice(page));
    const qrShown = await page.$eval('.qr img', (img) => img.naturalWidth > 0).catch(() => false);
    step("console: the shipment's page shows its QR code", qrShown, page.url());
    const messageHref = await page.getAttribute('a[href^="/console/messages/ntf"]', 'href');
    await page.goto(plan.base + messageHref);
    const said = (await page.textContent('main')) ?? '';
    step('console: a message opens with its text', said.includes('What it says'), said.slice(0, 200));
    await shoot(page, 'message', 'desktop');

    // Invite an agent, who accepts and is refused the carriers and team pages.
    await page.goto(plan.base + '/console/team');
    await page.fill('#email', 'agent@acme.example');
    await page.selectOption('#role', 'agent');
    await Promise.all([page.waitForNavigation(), page.click('text=Invite >> nth=-1')]);
    const team = (await page.textContent('main')) ?? '';
    const link = (team.match(/https?:\/\/\S+\/console\/invitation\/[A-Za-z0-9_-]+/) ?? [])[0];
    step('console: the owner invites an agent and sees the link once', Boolean(link), team.slice(0, 200));
    await shoot(page, 'team', 'desktop');
    await page.goto(plan.base + '/console/keys');
    await shoot(page, 'keys', 'desktop');
    await page.goto(plan.base + '/console/webhooks');
    await shoot(page, 'webhooks', 'desktop');
    await page.goto(plan.base + '/console/feedback');
    const answers = (await page.textContent('main')) ?? '';
    step("console: the customer's answer is in the feedback", answers.includes('Arrived a day early'), answers.slice(0, 200));
    await shoot(page, 'feedback', 'desktop');
    // Analytics: every chart drawn on the server, each with its table, definitions and CSV.
    // The test's poller settled the deliveries "tomorrow": the period runs to the day after.
    const until = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10);
    await page.goto(plan.base + `/console/analytics?to=${until}`);
    const charts = await page.$$eval('section.analytics', (ss) => ss.map((s) => ({
      chart: Boolean(s.querySelector('svg[role=img] title')?.textContent),
      bars: s.querySelectorAll('svg rect.bar, svg polyline').length,
      table: s.querySelectorAll('table tbody tr').length,
      defined: s.querySelectorAll('dl.definitions dt').length,
      csv: Boolean(s.querySelector('a[href*=".csv"]')),
    })));
    step('console: the analytics page draws 8 charts, each with its table, definitions and CSV', charts.length === 8 && charts.every((c) => c.chart && c.table > 0 && c.defined > 0 && c.csv), JSON.stringify(charts));
    step('console: the delivered parcels are drawn (per day, on time by carrier)', charts[0].bars > 0 && charts[1].bars > 0, JSON.stringify(charts.slice(0, 2)));
    const onTime = (await page.textContent('#report-1 ~ details table')) ?? '';
    step('console: on time by carrier counts the delivered parcels', onTime.includes(c.carrier) && /total\s*3\s*3/.test(onTime), onTime.slice(0, 300));
    await page.click('#report-1 ~ details summary');
    await shoot(page, 'analytics', 'desktop');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#report-1 ~ p a')]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    step('console: a chart\'s CSV downloads', csvText.startsWith('carrier,delivered,'), csvText.slice(0, 80));
    // Import 2,000 rows, 50 of them bad, from the file picker: the progress bar reaches
    // 100 %, and the 50 failures download with their reasons.
    await page.goto(plan.base + '/console/imports');
    const lines = ['tracking_number,carrier,order_number,email'];
    for (let i = 0; i < 2000; i++) {
      const email = i % 40 === 7 ? 'not-an-email' : `buyer${i}@example.com`;
      lines.push(`SBOT5${String(i).padStart(7, '0')},sandbox,IMP-${i},${email}`);
    }
    await page.setInputFiles('#import-file', { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') });
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Import")')]);
    const seen = [];
    for (let t = 0; t < 60 && seen.at(-1) !== '100'; t++) {
      const value = await page.getAttribute('#import-progress', 'value').catch(() => null);
      if (value !== null && seen.at(-1) !== value) seen.push(value);
      if (value !== '100') await page.waitForTimeout(500);
    }
    const counts = async (id) => ((await page.textContent(`#import-${id}`)) ?? '').trim();
    step('console: the import\'s progress bar reaches 100 %', seen.at(-1) === '100', seen.join(' → '));
    await page.waitForSelector('#import-failures');
    const figures = `${await counts('created')} created, ${await counts('failed')} failed`;
    step('console: the import created 1,950 parcels and 50 rows failed', figures === '1950 created, 50 failed', figures);
    await shoot(page, 'import', 'desktop');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#import-failures')]);
    const failed = readFileSync(await download.path(), 'utf8').split('\r\n').filter((l) => l.length > 0);
    const reasons = failed.slice(1).filter((l) => l.includes('not-an-email,email: ')).length;
    step('console: the 50 failed rows download with their reasons', failed.length === 51 && reasons === 50 && failed[0].endsWith(',error'), `${failed.length} lines, ${reasons} with a reason: ${failed[1] ?? ''}`);
    await page.goto(plan.base + '/console/stores');
    await shoot(page, 'stores', 'desktop');
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const agent = await agentCtx.newPage();
    await agent.goto(link);
    await agent.getByLabel('Password').fill('the agent chose this phrase');
    await Promise.all([agent.waitForNavigation(), agent.keyboard.press('Enter')]);
    step('console: the agent sets a password and sees the overview', agent.url().endsWith('/console'), agent.url());
    for (const path of ['/console/carriers', '/console/team']) {
      const refused = await agent.goto(plan.base + path);
      step(`console: the agent is refused ${path}`, refused.status() === 403, String(refused.status()));
    }
    await agentCtx.close();
    await ctx.close();

    // Phone width: every page again.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, bypassCSP: true });
    page = await phone.newPage();
    await page.goto(plan.base + '/console/reset');
    await shoot(page, 'reset', 'mobile');
    await page.goto(plan.base + '/console');
    await shoot(page, 'sign-in', 'mobile');
    await page.getByLabel('E-mail address').fill(c.email);
    await page.getByLabel('Password').fill(c.password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    for (const [name, path] of [['overview', '/console'], ['analytics', '/console/analytics'], ['shipments', '/console/shipments'], ['carriers', '/console/carriers'], ['branding', '/console/branding'], ['messages', '/console/messages'], ['team', '/console/team'], ['keys', '/console/keys'], ['webhooks', '/console/webhooks'], ['feedback', '/console/feedback'], ['imports', '/console/imports'], ['stores', '/console/stores']]) {
      const resp = await page.goto(plan.base + path);
      if (resp.status() !== 200) step(`console (mobile): ${path}`, false, String(resp.status()));
      await shoot(page, name, 'mobile');
    }
    await page.goto(plan.base + `/console/shipments?q=${encodeURIComponent(c.number)}`);
    await Promise.all([page.waitForNavigation(), page.click(`text=${c.number}`)]);
    await shoot(page, 'shipment', 'mobile');
    await phone.close();

    // German (the longest words) and Arabic (right to left) at phone width: signed in from
    // the labels in the language, each page in it and no wider than the phone.
    for (const [locale, tag, direction, email, password, signOut] of [
      ['de-DE', 'german', 'ltr', 'E-Mail-Adresse', 'Passwort', 'Abmelden'],
      ['ar-EG', 'arabic', 'rtl', 'عنوان البريد الإلكتروني', 'كلمة المرور', 'تسجيل الخروج'],
    ]) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, bypassCSP: true, locale });
      page = await ctx.newPage();
      await page.goto(plan.base + '/console');
      await page.getByLabel(email).fill(c.email);
      await page.getByLabel(password, { exact: true }).fill(c.password);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      const nav = (await page.textContent('nav')) ?? '';
      const dir = await page.getAttribute('html', 'dir');
      step(`console (${locale}): signed in, the console speaks it`, nav.includes(signOut) && dir === direction, `${dir}: ${nav.slice(0, 200)}`);
      for (const [name, path] of [['overview', '/console'], ['carriers', '/console/carriers'], ['messages', '/console/messages'], ['analytics', '/console/analytics']]) {
        await page.goto(plan.base + path);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        step(`console (${locale}, mobile): ${path} fits the phone`, wide <= 390, `${wide} px wide`);
        await shoot(page, name, `${tag}-mobile`);
      }
      await ctx.close();
    }
  }
} catch (e) {
  step('browser run', false, String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
