"""The built site in a real browser: Debian's Chromium, driven by Selenium through chromedriver.

    check_browser.py --base-url http://127.0.0.1:PORT/digest/ --site DIR --screenshots DIR

On the home page, an article, an organisation and a country (the largest page of each kind,
the likeliest to overflow), at 360×740 (a phone, with mobile emulation) and 1280×800, in light and
dark colour schemes:

- the computed `direction` of the root and of <main> is rtl, and <html lang> is ar;
- no horizontal scrolling: document scrollWidth <= innerWidth (and, on the phone, the page lays
  out at the device width, i.e. it has a working viewport meta tag);
- the title and the first Arabic paragraph of <main> are drawn with an Arabic font: one that
  fontconfig lists for Arabic and not for English (CSS.getPlatformFontsForNode tells which font
  Chromium actually used);
- nothing on the console (errors, failed loads, exceptions) and nothing loaded from another host;
- under prefers-color-scheme: dark the page is drawn dark (mean luminance of the screenshot
  under 0.4) and differs from the light one, which is light (over 0.6);
- axe-core (4.x, from axe-playwright-python's bundled axe.min.js) reports no serious or critical
  violation; moderate and minor ones are listed;
- the network pictures (inline SVG, on the network page and an organisation page too): the box
  Chromium draws each label in stays inside its picture and overlaps no other label, and no label
  is drawn smaller than 9 px; in Chromium's accessibility tree each picture is one image named by
  its Arabic summary (its <title> says the same) and no node link (they sit in the tab order at
  -1 and out of the tree), and every node link is also a link beside the picture (its table or
  list), so keyboard and screen-reader users reach the same pages.

The site's 404 page is checked the same way, as a host serves it for a missing address deep in the
site. Then every page (at most --sweep-limit, evenly sampled) is loaded once on the phone in light
mode for direction, width, console, hosts and axe-core.

Screenshots (the first screenful, and the full page as *-full.png) go to --screenshots.
"""

import argparse
import base64
import importlib.util
import io
import json
import os
import subprocess
import sys
import urllib.parse

from PIL import Image, ImageStat
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

VIEWPORTS = [(360, 740, True), (1280, 800, False)]
SCHEMES = ["light", "dark"]

failures = []
notes = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as f:
        return f.read()


def families(pattern):
    out = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def arabic_fonts():
    """Fonts made for Arabic script: fontconfig lists them for Arabic and not for English, which
    leaves out Latin fonts with an Arabic range (DejaVu Sans Mono claims Arabic too)."""
    return families(":lang=ar") - families(":lang=en")


def largest(site, folder):
    """The biggest folder/<x>/index.html (not folder/index.html, not pagination)."""
    best = None
    base = os.path.join(site, folder)
    if not os.path.isdir(base):
        return None
    for name in sorted(os.listdir(base)):
        page = os.path.join(base, name, "index.html")
        if name != "page" and os.path.isfile(page):
            size = os.path.getsize(page)
            if best is None or size > best[0]:
                best = (size, f"{folder}/{name}/")
    return best[1] if best else None


def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", "--font-render-hinting=none",
                     "--disable-features=Translate,MediaRouter", "--window-size=1280,800"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager look for a driver online
    browser = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    browser.set_script_timeout(120)
    browser.set_page_load_timeout(60)
    return browser


def luminance(png):
    image = Image.open(io.BytesIO(png)).convert("L")
    return ImageStat.Stat(image).mean[0] / 255


def platform_fonts(browser, selector):
    browser.execute_cdp_cmd("DOM.enable", {})
    browser.execute_cdp_cmd("CSS.enable", {})
    root = browser.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector}).get("nodeId")
    if not node:
        return None
    return browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


PAGE_FACTS = """
const main = document.querySelector('main');
const para = main && [...main.querySelectorAll('p')].find(p => /[\\u0600-\\u06FF]/.test(p.textContent));
if (para) para.setAttribute('data-check-site-paragraph', '');
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1)) {
    wide.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '')
              + ' [' + Math.round(r.left) + ',' + Math.round(r.right) + ']');
  }
}
let darkRules = 0;
for (const sheet of document.styleSheets) {
  if (sheet.media && sheet.media.mediaText.includes('prefers-color-scheme: dark')) darkRules++;
  let rules = [];
  try { rules = sheet.cssRules; } catch (e) {}
  for (const rule of rules) {
    if (rule.media && rule.media.mediaText.includes('prefers-color-scheme: dark')) darkRules++;
  }
}
const origin = location.origin;
return {
  lang: document.documentElement.getAttribute('lang'),
  dir: document.documentElement.getAttribute('dir'),
  rootDirection: getComputedStyle(document.documentElement).direction,
  mainDirection: main ? getComputedStyle(main).direction : null,
  bodyDirection: getComputedStyle(document.body).direction,
  scrollWidth: document.documentElement.scrollWidth,
  bodyScrollWidth: document.body.scrollWidth,
  innerWidth: window.innerWidth,
  wide: wide.slice(0, 8),
  hasH1: !!document.querySelector('h1'),
  hasParagraph: !!para,
  darkRules: darkRules,
  darkMatches: matchMedia('(prefers-color-scheme: dark)').matches,
  foreign: performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith(origin)),
  fontFamily: getComputedStyle(document.querySelector('h1') || document.body).fontFamily,
};
"""

NETWORK_LABELS = """
const out = [];
for (const svg of document.querySelectorAll('svg.net')) {
  const s = svg.getBoundingClientRect();
  if (s.width === 0 || getComputedStyle(svg).display === 'none') continue;
  const scale = s.width / svg.viewBox.baseVal.width;
  const labels = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect(), b = t.getBBox();
    return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom,
            px: parseFloat(t.getAttribute('font-size')) * scale, heightEm: b.height / parseFloat(t.getAttribute('font-size'))};
  });
  out.push({name: String(svg.getAttribute('class')), l: s.left, r: s.right, t: s.top, b: s.bottom, labels: labels});
}
return out;
"""


def check_network(browser, where):
    """Label boxes as Chromium draws them: inside their picture, apart, readable."""
    pictures = browser.execute_script(NETWORK_LABELS)
    for picture in pictures:
        labels = picture["labels"]
        name = picture["name"]
        for i, a in enumerate(labels):
            if a["l"] < picture["l"] - 0.5 or a["r"] > picture["r"] + 0.5 or a["t"] < picture["t"] - 0.5 or a["b"] > picture["b"] + 0.5:
                fail(where, f"{name}: the label «{a['text']}» runs outside the picture")
            if a["px"] < 9:
                fail(where, f"{name}: the label «{a['text']}» is drawn {a['px']:.1f} px high")
            for b in labels[:i]:
                if min(a["r"], b["r"]) - max(a["l"], b["l"]) > 0.5 and min(a["b"], b["b"]) - max(a["t"], b["t"]) > 0.5:
                    fail(where, f"{name}: the labels «{a['text']}» and «{b['text']}» overlap")
        if labels:
            notes.append(f"{where.split(' ')[0]}: {name} {len(labels)} labels, smallest {min(l['px'] for l in labels):.1f} px, "
                         f"line box up to {max(l['heightEm'] for l in labels):.2f} em")
    return len(pictures)


NETWORK_STRUCTURE = """
const out = [];
// A folder's address and its index.html are the same page.
const page = u => u.replace(/index\.html$/, '');
const outside = new Set([...document.querySelectorAll('a[href]')].filter(a => !a.closest('svg')).map(a => page(a.href)));
document.querySelectorAll('svg.net').forEach((svg, index) => {
  svg.setAttribute('data-check-site-net', String(index));
  const images = [...svg.querySelectorAll('[role="img"]')];
  const links = [...svg.querySelectorAll('a')].map(a => {
    const href = page(new URL(a.getAttribute('href'), location.href).href);
    return {href: decodeURI(href), tabIndex: a.tabIndex, hidden: !!a.closest('[aria-hidden="true"]'),
            inImage: !!a.closest('[role="img"]'), beside: outside.has(href) || href === page(location.href)};
  });
  out.push({index: index, name: String(svg.getAttribute('class')), shown: svg.getBoundingClientRect().width > 0,
            images: images.map(g => ({label: g.getAttribute('aria-label') || '',
                                      title: (g.querySelector(':scope > title') || {}).textContent || ''})),
            links: links, toNetwork: [...outside].some(h => /\/network\/$/.test(h))});
});
return out;
"""


def ax_nodes(browser, index, role):
    """The nodes of `role` in the accessibility subtree of the index-th network picture, as
    Chromium computes them (ignored ones included, with their `ignored` flag)."""
    root = browser.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": f'[data-check-site-net="{index}"]'})
    if not node.get("nodeId"):
        return []
    return browser.execute_cdp_cmd("Accessibility.queryAXTree", {"nodeId": node["nodeId"], "role": role})["nodes"]


def check_network_structure(browser, where):
    """Each picture: one image named by its summary, node links out of the accessibility tree and
    the tab order, and each of them also beside the picture."""
    for picture in browser.execute_script(NETWORK_STRUCTURE):
        name = picture["name"]
        images = picture["images"]
        if len(images) != 1 or not images[0]["label"] or images[0]["label"] != images[0]["title"]:
            fail(where, f"{name}: not one role=img with an aria-label and the same <title>: {images}")
        named = [n for n in ax_nodes(browser, picture["index"], "image") if not n.get("ignored")]
        # A picture not shown at this width (display: none) is rightly out of the tree.
        if picture["shown"] and (len(named) != 1 or named[0].get("name", {}).get("value") != (images[0]["label"] if images else None)):
            fail(where, f"{name}: the accessibility tree shows {len(named)} images, not one named by the summary")
        exposed = [n for n in ax_nodes(browser, picture["index"], "link") if not n.get("ignored")]
        if exposed:
            fail(where, f"{name}: {len(exposed)} node links in the accessibility tree")
        for link in picture["links"]:
            if link["tabIndex"] >= 0 or not link["hidden"] or link["inImage"]:
                fail(where, f"{name}: the node link {link['href']} is reachable by keyboard or inside the image")
            if "net-small" in name:
                if not picture["toNetwork"]:
                    fail(where, f"{name}: the small picture does not link to the network page")
            elif not link["beside"]:
                fail(where, f"{name}: {link['href']} is in the picture only, not in a table or list beside it")
        if picture["links"]:
            notes.append(f"{where.split(' ')[0]}: {name} one image named by its summary, "
                         f"{len(picture['links'])} node links hidden and beside it")


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
      , count: v.nodes.length}))}))
  .catch(e => done({error: String(e)}));
"""


def load(browser, url, width, height, mobile, scheme):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.get_log("browser")  # drop what came before this load
    browser.get(url)
    browser.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done());")
    return browser.execute_script(PAGE_FACTS)


def check_layout(browser, where, facts, width, mobile, expect_status_404=False):
    """What every view of every page must satisfy: console, hosts, lang, direction, width."""
    for entry in browser.get_log("browser"):
        message = entry.get("message", "")
        if expect_status_404 and "status of 404" in message and message.split(" ")[0] == browser.current_url:
            continue  # the 404 page's own status
        if entry.get("level") in ("SEVERE", "WARNING"):
            fail(where, f"console {entry['level'].lower()}: {message}")
    if facts["foreign"]:
        fail(where, f"loads from another host: {facts['foreign'][:3]}")
    if facts["lang"] != "ar":
        fail(where, f"<html lang> is {facts['lang']!r}, not 'ar'")
    for what in ("rootDirection", "bodyDirection", "mainDirection"):
        if facts[what] != "rtl":
            fail(where, f"computed direction of {what[:-9]} is {facts[what]!r}")
    if mobile and facts["innerWidth"] != width:
        fail(where, f"the page lays out {facts['innerWidth']}px wide on a {width}px phone: something is wider than "
                    f"the screen, or there is no viewport meta; wide elements: {facts['wide']}")
    if max(facts["scrollWidth"], facts["bodyScrollWidth"]) > facts["innerWidth"]:
        fail(where, f"scrolls sideways: scrollWidth {facts['scrollWidth']} (body {facts['bodyScrollWidth']}) > "
                    f"innerWidth {facts['innerWidth']}; wide elements: {facts['wide']}")


def check_axe(browser, where, axe):
    browser.execute_script(axe)
    result = browser.execute_async_script(AXE_RUN)
    if "error" in result:
        fail(where, f"axe-core failed: {result['error']}")
        return
    for violation in result["violations"]:
        line = (f"axe {violation['impact']} {violation['id']} ({violation['count']}×): {violation['help']}; "
                + "; ".join(f"{n['target']}" for n in violation["nodes"]))
        if violation["impact"] in ("serious", "critical"):
            detail = violation["nodes"][0]["summary"].replace("\n", " ") if violation["nodes"] else ""
            fail(where, f"{line} — {detail}")
        else:
            notes.append(f"{where}: {line}")


def check_page(browser, name, url, shots, fonts_for_arabic, axe, expect_status_404=False):
    light_luminance = {}
    for width, height, mobile in VIEWPORTS:
        for scheme in SCHEMES:
            where = f"{name} {width}x{height} {scheme}"
            facts = load(browser, url, width, height, mobile, scheme)
            check_layout(browser, where, facts, width, mobile, expect_status_404)

            for selector in ("h1", "[data-check-site-paragraph]"):
                fonts = platform_fonts(browser, selector)
                if fonts is None:
                    if selector == "h1":
                        fail(where, "no <h1>")
                    continue
                used = sorted(fonts, key=lambda f: -f["glyphCount"])
                if not used or used[0]["familyName"] not in fonts_for_arabic:
                    fail(where, f"{selector} is drawn with {[(f['familyName'], f['glyphCount']) for f in used]}, "
                                f"not an Arabic font (installed: {sorted(fonts_for_arabic)[:6]})")
                elif scheme == "light" and not mobile:
                    notes.append(f"{name}: {selector} drawn with {used[0]['familyName']} "
                                 f"(CSS font-family: {facts['fontFamily']})")

            if scheme == "dark" and not facts["darkMatches"]:
                fail(where, "prefers-color-scheme: dark did not take effect in the browser")
            png = browser.get_screenshot_as_png()
            value = luminance(png)
            if scheme == "light":
                light_luminance[width] = value
                if value < 0.6:
                    fail(where, f"the light page is dark (mean luminance {value:.2f})")
            else:
                if facts["darkRules"] == 0:
                    fail(where, "no stylesheet or rule for prefers-color-scheme: dark")
                if value > 0.4 or abs(value - light_luminance.get(width, value)) < 0.2:
                    fail(where, f"the dark-mode page is not dark: mean luminance {value:.2f} "
                                f"(light {light_luminance.get(width, float('nan')):.2f})")

            metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
            content = metrics.get("cssContentSize") or metrics["contentSize"]
            full = browser.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": min(content["height"], 12000), "scale": 1}})
            with open(os.path.join(shots, f"{name}-{width}x{height}-{scheme}.png"), "wb") as f:
                f.write(png)
            with open(os.path.join(shots, f"{name}-{width}x{height}-{scheme}-full.png"), "wb") as f:
                f.write(base64.b64decode(full["data"]))
            check_axe(browser, where, axe)
            drawn = check_network(browser, where)
            check_network_structure(browser, where)
            if name in ("network", "organisation") and drawn == 0:
                fail(where, "no network picture is shown")


def sweep(browser, base, site, axe, limit):
    """Every page (evenly sampled down to `limit`) once, on the phone in light mode: direction,
    width, console, hosts and axe-core."""
    pages = sorted(
        os.path.relpath(os.path.join(folder, name), site)
        for folder, _, names in os.walk(site) for name in names if name.endswith(".html") and name != "404.html"
    )
    if len(pages) > limit:
        step = len(pages) / limit
        pages = [pages[int(i * step)] for i in range(limit)]
    width, height, mobile = VIEWPORTS[0]
    for relative in pages:
        folder = os.path.dirname(relative)
        url = base + urllib.parse.quote(folder + "/" if folder else "", safe="/")
        where = f"{urllib.parse.unquote(url[len(base):]) or 'home'} {width}x{height}"
        facts = load(browser, url, width, height, mobile, "light")
        check_layout(browser, where, facts, width, mobile)
        check_axe(browser, where, axe)
        check_network(browser, where)
        check_network_structure(browser, where)
    return len(pages)


# Real queries as readers type them (the seed articles): a demonym with the article, a clitic
# and a hamza left out, a capital; each must find results, facets and highlighted words.
SEARCH_QUERIES = ["القطرية", "والاعلام", "الدوحة"]


def check_search(browser, base, axe, shots):
    """The header's box and the search page in Chromium at both sizes: typed queries find
    results with the matched words highlighted and facets with counts; a facet filters; axe-core."""
    for width, height, mobile in VIEWPORTS:
        where = f"search {width}x{height}"
        load(browser, base, width, height, mobile, "light")
        box = browser.find_element(By.ID, "site-search-q")
        box.send_keys(SEARCH_QUERIES[0])
        box.send_keys(Keys.ENTER)
        for query in SEARCH_QUERIES:
            if query != SEARCH_QUERIES[0]:
                field = browser.find_element(By.ID, "search-q")
                field.clear()
                field.send_keys(query)
                field.send_keys(Keys.ENTER)
            try:
                WebDriverWait(browser, 10).until(
                    lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
                    and "جارٍ" not in b.find_element(By.ID, "search-status").text)
            except TimeoutException:
                fail(where, f"«{query}» shows no results: {browser.find_element(By.ID, 'search-status').text!r}")
                continue
            if not browser.current_url.startswith(base + "search/"):
                fail(where, f"the header's search box led to {browser.current_url}")
            results = browser.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
            marks = browser.find_elements(By.CSS_SELECTOR, "#search-results mark")
            facets = browser.find_elements(By.CSS_SELECTOR, "#search-facets input[type=checkbox]")
            counts = browser.find_elements(By.CSS_SELECTOR, "#search-facets .count")
            if not marks:
                fail(where, f"«{query}»: {len(results)} results, no highlighted word")
            if not facets or not counts:
                fail(where, f"«{query}»: no facets with counts")
            for link in browser.find_elements(By.CSS_SELECTOR, "#search-results h2 a")[:3]:
                href = link.get_attribute("href")
                if not href.startswith(base + "articles/"):
                    fail(where, f"«{query}»: a result links to {href}")
            check_layout(browser, f"{where} «{query}»", browser.execute_script(PAGE_FACTS), width, mobile)
        # A facet narrows the results to its count.
        facet = browser.find_elements(By.CSS_SELECTOR, "#search-facets input[type=checkbox]")
        if facet:
            label = facet[-1].find_element(By.XPATH, "..")
            expected = label.find_element(By.CSS_SELECTOR, ".count").text
            facet[-1].click()
            try:
                WebDriverWait(browser, 10).until(lambda b: ("country=" in b.current_url or "organization=" in b.current_url
                                                            or "year=" in b.current_url))
            except TimeoutException:
                fail(where, "choosing a facet did not filter the search")
            shown = len(browser.find_elements(By.CSS_SELECTOR, "#search-results .search-result"))
            digits = expected.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
            if digits.isdigit() and shown != min(int(digits), 10):
                fail(where, f"a facet counted {expected} but {shown} results are shown")
        with open(os.path.join(shots, f"search-results-{width}x{height}.png"), "wb") as f:
            f.write(browser.get_screenshot_as_png())
        check_axe(browser, where, axe)
        print(f"  search at {width}x{height}: {', '.join(SEARCH_QUERIES)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--sweep-limit", type=int, default=80, help="at most this many pages in the all-pages pass")
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    base = args.base_url if args.base_url.endswith("/") else args.base_url + "/"

    pages = [("home", ""), ("search", "search/index.html")]
    for name, folder in (("article", "articles"), ("organisation", "organizations"), ("country", "countries")):
        relative = largest(args.site, folder)
        if relative is None:
            fail(name, f"the built site has no {folder}/<x>/index.html")
        else:
            pages.append((name, relative))
    if os.path.isfile(os.path.join(args.site, "network", "index.html")):
        pages.append(("network", "network/"))
    fonts_for_arabic = arabic_fonts()
    if not fonts_for_arabic:
        fail("fonts", "fontconfig lists no Arabic font: install fonts-noto-core")

    axe = axe_source()
    browser = driver()
    try:
        version = browser.capabilities.get("browserVersion")
        print(f"  Chromium {version}, chromedriver {browser.capabilities.get('chrome', {}).get('chromedriverVersion', '?').split()[0]}, "
              f"axe-core {browser.execute_script(axe + '; return axe.version;')}")
        for name, relative in pages:
            url = base + urllib.parse.quote(relative, safe="/")
            print(f"  {name}: {urllib.parse.unquote(url)}")
            check_page(browser, name, url, args.screenshots, fonts_for_arabic, axe)
        # A missing page deep in the site: the host answers with 404.html, whose links must work there.
        url = base + "articles/no-such-article/page/9/"
        print(f"  not found: {url}")
        check_page(browser, "not-found", url, args.screenshots, fonts_for_arabic, axe, expect_status_404=True)
        check_search(browser, base, axe, args.screenshots)
        swept = sweep(browser, base, args.site, axe, args.sweep_limit)
        print(f"  every page at 360x740: {swept} pages")
    finally:
        browser.quit()

    for line in sorted(set(notes)):
        print("  note: " + line)
    for line in failures:
        print("  FAIL " + line)
    print(f"browser: {len(pages) + 1} pages × {len(VIEWPORTS)} sizes × {len(SCHEMES)} schemes and every page once, "
          f"{len(failures)} failures; "
          f"screenshots in {args.screenshots}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
