// Opens the HTML report in headless Chromium at each width, checks it the way SPEC.md 5.1
// asks (no sideways scrolling, every person's block and timeline visible, overdue markers
// visible, no external request), and saves a full-page screenshot per width.
// Run by scripts/screenshot.sh, which installs playwright-core into a throwaway folder.
//
// Usage: node scripts/screenshot.mjs REPORT.html PEOPLE WIDTH=OUT.png [WIDTH=OUT.png ...]
//   PEOPLE is the number of people the JSON report lists (one block each expected).
//   Environment: PLAYWRIGHT_DIR (the folder with node_modules/playwright-core),
//                CHROMIUM (the browser binary), PROFILE_DIR (a fresh, empty folder).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [reportPath, peopleArg, ...shots] = process.argv.slice(2);
if (!reportPath || !peopleArg || shots.length === 0) {
  console.error("usage: node screenshot.mjs REPORT.html PEOPLE WIDTH=OUT.png [WIDTH=OUT.png ...]");
  process.exit(2);
}
const expectedPeople = Number(peopleArg);

// playwright-core lives in the throwaway folder, not next to this file, so a plain `import`
// would not find it.
const require = createRequire(`${process.env.PLAYWRIGHT_DIR}/`);
const { chromium } = require("playwright-core");

// Debian's Chromium, never a browser Playwright downloads. The network flags stop Chromium's
// own background requests (updates, sync, field trials); on this closed network they are
// refused and only slow things down, and the report must not need the network anyway.
const context = await chromium.launchPersistentContext(process.env.PROFILE_DIR, {
  executablePath: process.env.CHROMIUM,
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
  ],
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
});

// Measured in the page. Returns plain data so the checks below read like the spec.
function measure() {
  const vw = window.innerWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (typeof el.className === "string" && el.className.trim()) s += `.${el.className.trim().split(/\s+/).join(".")}`;
    else if (el.className && el.className.baseVal) s += `.${el.className.baseVal.trim().split(/\s+/).join(".")}`;
    const block = el.closest("section.person");
    if (block && block !== el) s = `section#${block.id} … ${s}`;
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return text ? `${s} "${text}"` : s;
  };
  // An element is shown if it has a box, is not hidden by CSS, and lies inside the
  // viewport's width (a block pushed off to the side would need sideways scrolling).
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const problems = [];
    if (r.width < 1 || r.height < 1) problems.push(`size ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
    if (cs.display === "none" || cs.visibility !== "visible" || Number(cs.opacity) === 0) problems.push("hidden by CSS");
    if (r.left < -0.5 || r.right > vw + 0.5) problems.push(`spans x ${r.left.toFixed(1)}..${r.right.toFixed(1)} of ${vw}`);
    return problems;
  };

  // Which elements stick out past the right (or left) edge. The innermost ones are the
  // culprits; their ancestors only stick out because they do. Elements inside a clipping
  // box (the screen-reader-only lists) cannot cause scrolling and are skipped. An SVG counts
  // as one element: naming its every circle would bury the culprit, the SVG's own size.
  const sticksOut = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5);
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === "hidden" || o === "clip" || o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  const inSvg = (el) => el.parentElement && el.parentElement.closest("svg");
  const overflowing = [...document.body.querySelectorAll("*")]
    .filter((el) => !inSvg(el) && sticksOut(el) && !clipped(el));
  const culprits = overflowing
    .filter((el) => el instanceof SVGSVGElement || ![...el.children].some(sticksOut))
    .map((el) => {
      const r = el.getBoundingClientRect();
      return { what: describe(el), left: r.left, right: r.right, width: r.width, by: Math.max(r.right - vw, -r.left) };
    });

  const people = [...document.querySelectorAll("section.person")].map((block) => {
    const svg = block.querySelector("svg.timeline");
    const name = block.querySelector("h3")?.textContent.trim() || block.id;
    const problems = shown(block).map((p) => `block: ${p}`);
    let labelPx = null;
    if (!svg) problems.push("no timeline SVG");
    else {
      problems.push(...shown(svg).map((p) => `timeline: ${p}`));
      // The SVG scales with its width, so its 9-unit labels do too: the size a reader sees.
      const vb = svg.viewBox.baseVal;
      const text = svg.querySelector("text");
      if (vb && vb.width && text) {
        labelPx = (parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width) / vb.width;
      }
    }
    return { id: block.id, name, problems, labelPx };
  });

  // SPEC 5.1: "the overdue marker stays visible".
  const late = [...document.querySelectorAll(".late:not(.mark)")]
    .map((el) => ({ what: describe(el), problems: shown(el) }))
    .filter((l) => l.problems.length);

  return {
    innerWidth: vw,
    scrollWidth: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    culprits,
    people,
    lateCount: document.querySelectorAll(".late:not(.mark)").length,
    hiddenLate: late,
  };
}

const failures = [];
const requests = [];
for (const shot of shots) {
  const [widthText, out] = shot.split("=");
  const width = Number(widthText);
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  // The report must make no request of its own: record anything that is not the file itself.
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: "load" });

  const m = await page.evaluate(measure);
  const fail = (msg) => failures.push(`${width} px: ${msg}`);
  const labels = m.people.map((p) => p.labelPx).filter((x) => x !== null);
  console.log(
    `${width} px: scrollWidth ${m.scrollWidth} / innerWidth ${m.innerWidth}, page ${m.height} px tall, ` +
    `${m.people.length} person blocks, ${m.lateCount} overdue markers, timeline labels ` +
    (labels.length ? `${Math.min(...labels).toFixed(1)} px` : "none"),
  );

  if (m.scrollWidth > m.innerWidth) {
    fail(`horizontal overflow: scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth} (by ${m.scrollWidth - m.innerWidth} px)`);
    for (const c of m.culprits.slice(0, 15)) {
      fail(`  overflows by ${c.by.toFixed(1)} px (x ${c.left.toFixed(1)}..${c.right.toFixed(1)}, width ${c.width.toFixed(1)}): ${c.what}`);
    }
    if (m.culprits.length > 15) fail(`  … and ${m.culprits.length - 15} more`);
  }
  if (m.people.length !== expectedPeople) {
    fail(`${m.people.length} person blocks, but the report lists ${expectedPeople} people`);
  }
  for (const p of m.people) for (const why of p.problems) fail(`${p.name} (#${p.id}): ${why}`);
  for (const l of m.hiddenLate) fail(`overdue marker not visible (${l.problems.join(", ")}): ${l.what}`);
  if (labels.length && Math.min(...labels) < 6) {
    // Not a failure: the spec asks for no sideways scrolling, not a font size. Say it, though.
    console.log(`${width} px: warning: timeline labels render at ${Math.min(...labels).toFixed(1)} px, hard to read`);
  }

  // Screenshot even when a check failed: the picture is the quickest way to see why.
  // The README shows the top of the page (summary, needs attention, coming up) and, at
  // full width, one person's block with its timeline; the whole page is too tall to show.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width, height: Math.min(height, width > 600 ? 1500 : 2000) } });
  console.log(`${width} px: wrote ${out}`);
  if (width > 600) {
    const person = out.replace(/\.png$/, "-person.png");
    await page.locator("section.person#p-noor-haddad").screenshot({ path: person });
    console.log(`${width} px: wrote ${person}`);
  }
  await page.close();
}
await context.close();

for (const url of requests) failures.push(`the page requested ${url} (it must be self-contained)`);
if (failures.length) {
  console.error("screenshot: the report does not pass its checks:");
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
