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

  // The merchant console: sign in, the shipments, one shipment; desktop and phone width.
  if (plan.console) {
    for (const [width, height, tag] of [[1280, 800, 'desktop'], [390, 844, 'mobile']]) {
      const ctx = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
      page = await ctx.newPage();
      await page.goto(plan.base + '/console');
      await page.screenshot({ path: `${plan.screenshots}/console-sign-in-${tag}.png`, fullPage: true });
      await audit(page, `console-sign-in-${tag}`);
      await page.getByLabel('E-mail address').fill(plan.console.email);
      await page.getByLabel('Password').fill(plan.console.password);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      const listed = (await page.textContent('main')) ?? '';
      step(`console (${tag}): sign in from the keyboard, find the parcel`, listed.includes(plan.console.number), page.url());
      await page.screenshot({ path: `${plan.screenshots}/console-shipments-${tag}.png`, fullPage: true });
      await audit(page, `console-shipments-${tag}`);
      await Promise.all([page.waitForNavigation(), page.click(`text=${plan.console.number}`)]);
      const shown = (await page.textContent('h1')) ?? '';
      step(`console (${tag}): the shipment's page`, shown.includes(plan.console.order), shown);
      await page.screenshot({ path: `${plan.screenshots}/console-shipment-${tag}.png`, fullPage: true });
      await audit(page, `console-shipment-${tag}`);
      if (tag === 'desktop') {
        // The owner invites an agent, who accepts and is refused the team page.
        await page.goto(plan.base + '/console/team');
        await audit(page, 'console-team');
        await page.fill('#email', 'agent@acme.example');
        await page.selectOption('#role', 'agent');
        await Promise.all([page.waitForNavigation(), page.click('text=Invite >> nth=-1')]);
        const shown = (await page.textContent('main')) ?? '';
        const link = (shown.match(/https?:\/\/\S+\/console\/invitation\/[A-Za-z0-9_-]+/) ?? [])[0];
        step('console: the owner invites an agent and sees the link once', Boolean(link), shown.slice(0, 200));
        await page.screenshot({ path: `${plan.screenshots}/console-team-${tag}.png`, fullPage: true });
        await page.goto(plan.base + '/console/keys');
        await page.screenshot({ path: `${plan.screenshots}/console-keys-${tag}.png`, fullPage: true });
        await audit(page, 'console-keys');
        const agentCtx = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
        const agent = await agentCtx.newPage();
        await agent.goto(link);
        await agent.screenshot({ path: `${plan.screenshots}/console-invitation-${tag}.png`, fullPage: true });
        await audit(agent, 'console-invitation');
        await agent.getByLabel('Password').fill('the agent chose this phrase');
        await Promise.all([agent.waitForNavigation(), agent.keyboard.press('Enter')]);
        step('console: the agent sets a password and sees the shipments', agent.url().endsWith('/console/shipments'), agent.url());
        const refused = await agent.goto(plan.base + '/console/team');
        step('console: the agent is refused the team page', refused.status() === 403, String(refused.status()));
        await agentCtx.close();
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
