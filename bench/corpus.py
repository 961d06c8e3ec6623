#!/usr/bin/env python3
"""Deterministic benchmark corpus for Taawun (and the same articles for Hugo).

    python3 bench/corpus.py N OUT_DIR [--seed 1] [--organizations 300]

writes a taawun site folder:

    OUT_DIR/content/site.yaml
    OUT_DIR/content/organizations.yaml
    OUT_DIR/content/articles/NNNNNN.md     (N articles)

Articles are made from the seed texts in content/sources/*.txt (raw Arabic news): 3–6 KB
bodies of real sentences with headings, bulleted and numbered lists, links and emphasis;
2–4 organisations out of a few hundred, 1–3 countries, dates spread over ten years.
The same arguments always give byte-identical files (random.Random(seed), sorted inputs),
and article i is the same whatever N is, so the 1k corpus is a prefix of the 10k one.
Only the Python standard library is used.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

GENERATOR_VERSION = 3
REPO = Path(__file__).resolve().parent.parent

PREFIXES = ["مؤسسة", "شبكة", "مركز", "هيئة", "وكالة", "قناة", "جامعة", "مجموعة", "منصة", "مكتب",
            "اتحاد", "إذاعة", "صحيفة", "أكاديمية", "مجلس", "دار"]
DOMAINS = ["للإعلام", "للاتصال", "للأخبار", "للصحافة", "للبث", "للإنتاج", "للنشر", "للتدريب", "للمحتوى", "للدراسات"]
QUALIFIERS = ["", "", "", "الرقمي", "الدولي", "العربي", "الجديد", "المستقل", "الحديث"]
# City → ISO code; organisations are based in a city, articles carry a dateline.
CITIES = [
    ("الدوحة", "QA"), ("لوسيل", "QA"), ("الرياض", "SA"), ("جدة", "SA"), ("الدمام", "SA"), ("دبي", "AE"),
    ("أبوظبي", "AE"), ("الشارقة", "AE"), ("الكويت", "KW"), ("المنامة", "BH"), ("مسقط", "OM"), ("القاهرة", "EG"),
    ("الإسكندرية", "EG"), ("عمان", "JO"), ("بيروت", "LB"), ("دمشق", "SY"), ("بغداد", "IQ"), ("أربيل", "IQ"),
    ("رام الله", "PS"), ("صنعاء", "YE"), ("عدن", "YE"), ("الرباط", "MA"), ("مراكش", "MA"), ("طنجة", "MA"),
    ("الجزائر", "DZ"), ("وهران", "DZ"), ("تونس", "TN"), ("صفاقس", "TN"), ("طرابلس", "LY"), ("بنغازي", "LY"),
    ("الخرطوم", "SD"), ("نواكشوط", "MR"), ("مقديشو", "SO"), ("جيبوتي", "DJ"),
]
OTHER_COUNTRIES = ["US", "GB", "FR", "CN", "TR", "DE", "JP", "IN", "RU", "KR", "ES", "IT"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
VERBS = ["توقع مذكرة تفاهم مع", "تبرم اتفاقية تعاون مع", "تطلق شراكة استراتيجية مع", "توقع اتفاقية شراكة مع",
         "تعلن برنامجا مشتركا مع", "تتعاون مع", "تطلق منصة مشتركة مع", "تجدد اتفاقية التعاون مع"]
TOPICS = ["الإنتاج المشترك", "التدريب الإعلامي", "التحول الرقمي", "تبادل الأخبار", "البث المباشر", "صناعة المحتوى",
          "الإعلام الرياضي", "الذكاء الاصطناعي", "الصحافة الاستقصائية", "الأرشيف الوطني", "الإعلام التربوي",
          "التغطية الميدانية", "الإعلام البيئي", "حماية الصحفيين", "التحقق من الأخبار", "الإعلام الثقافي"]
HEADINGS = ["تفاصيل الاتفاقية", "أهداف الشراكة", "مجالات التعاون", "تصريحات المسؤولين", "خلفية", "الخطوات المقبلة",
            "برنامج التدريب", "المشاريع المشتركة", "ردود الفعل", "أرقام ودلالات"]
OUTLETS = ["وكالة الأنباء القطرية", "وكالة الأنباء السعودية", "وكالة أنباء الإمارات", "الشرق", "الراية",
           "العربي الجديد", "هسبريس", "الأهرام", "وكالة الأنباء الأردنية", "وكالة المغرب العربي للأنباء"]


def seed_texts() -> tuple[list[str], list[str]]:
    """Sentences and short phrases from content/sources/*.txt, in a fixed order."""
    sentences: list[str] = []
    for path in sorted((REPO / "content" / "sources").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for paragraph in text.splitlines():
            paragraph = " ".join(paragraph.split())
            for sentence in re.split(r"(?<=[.!؟?])\s+", paragraph):
                # Markdown-significant characters would change the structure we choose.
                sentence = re.sub(r"[*_`#<>\[\]|\\]", "", sentence).strip()
                if len(sentence) >= 40 and re.search(r"[\u0621-\u064A]", sentence):
                    sentences.append(sentence)
    if not sentences:
        sys.exit("corpus.py: no seed sentences found in content/sources/*.txt")
    phrases = []
    for s in sentences:
        words = s.split()
        for i in range(0, max(1, len(words) - 6), 7):
            phrases.append(" ".join(words[i:i + 6]).rstrip("،,.:؛"))
    return sentences, [p for p in phrases if len(p) > 15]


def slug_words(title: str) -> tuple[str, ...]:
    """What Taawun's Slug.make keeps of a title (letters and ASCII digits; first eight words)."""
    return tuple(re.findall(r"[^\W_]+", title))[:8]


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_organizations(rng: random.Random, count: int) -> list[dict]:
    seen: set[str] = set()
    organizations = []
    while len(organizations) < count:
        prefix = rng.choice(PREFIXES)
        city, country = rng.choice(CITIES)
        domain = rng.choice(DOMAINS)
        qualifier = rng.choice(QUALIFIERS)
        name = " ".join(x for x in (prefix, city, domain, qualifier) if x)
        if name in seen:
            continue
        seen.add(name)
        n = len(organizations) + 1
        organizations.append({
            "id": f"org-{n:03d}",
            "name": name,
            "alias": f"ORG{n:03d}",
            "country": country,
            "city": city,
            "description": f"{prefix} مقرها {city}، تعمل في مجال {rng.choice(TOPICS)}.",
        })
    return organizations


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit]
    return (head.rsplit(" ", 1)[0] if " " in head else head) + "…"


def article(i: int, seed: int, organizations: list[dict], sentences: list[str], phrases: list[str],
            taken: set[tuple[str, ...]]) -> tuple[str, str]:
    """Article number i (its own Random, so it does not depend on N). Returns (file name, text)."""
    rng = random.Random(f"{seed}:{i}")
    start = dt.date(2015, 1, 1)
    date = start + dt.timedelta(days=rng.randrange(3653))
    while True:
        orgs = rng.sample(organizations, rng.randint(2, 4))
        title = (f"{MONTHS[date.month - 1]} {date.year}: {orgs[0]['name']} {rng.choice(VERBS)} "
                 f"{orgs[1]['name']} في {rng.choice(TOPICS)}")
        key = slug_words(title)
        if key not in taken:
            taken.add(key)
            break
    countries: list[str] = []
    for org in orgs:
        if org["country"] not in countries:
            countries.append(org["country"])
    countries = countries[:rng.randint(1, 3)]
    if len(countries) < 3 and rng.random() < 0.25:
        extra = rng.choice(OTHER_COUNTRIES)
        if extra not in countries:
            countries.append(extra)

    target = rng.randint(3000, 6000)  # UTF-8 bytes of body
    blocks: list[str] = []
    size = 0

    def add(block: str) -> None:
        nonlocal size
        blocks.append(block)
        size += len(block.encode("utf-8")) + 2

    def sentence() -> str:
        return rng.choice(sentences)

    lead = f"**{orgs[0]['name']}** و**{orgs[1]['name']}** — {sentence()} {sentence()}"
    add(lead)
    kinds = ["para", "para", "para", "heading", "list", "olist", "quote"]
    while size < target:
        kind = rng.choice(kinds)
        if kind == "para":
            words = f"{sentence()} {sentence()}".split(" ")
            if len(words) > 6:
                k = rng.randrange(len(words) - 3)
                words[k] = f"*{words[k]}*"
                k = rng.randrange(len(words) - 3)
                words[k] = f"[{words[k]}](https://example.org/news/{rng.randrange(100000)})"
            add(" ".join(words))
        elif kind == "heading":
            add(f"## {rng.choice(HEADINGS)}")
        elif kind == "list":
            add("\n".join(f"- {rng.choice(phrases)}" for _ in range(rng.randint(3, 5))))
        elif kind == "olist":
            add("\n".join(f"{n}. {rng.choice(phrases)}" for n in range(1, rng.randint(3, 5) + 1)))
        else:
            add(f"> {sentence()}")
    body = "\n\n".join(blocks) + "\n"

    summary = cut(re.sub(r"[*\[\]]", "", lead.split(" — ", 1)[1]), 200)
    front = [
        "---",
        f"title: {yaml_quote(title)}",
        f"date: {date.isoformat()}",
        f"summary: {yaml_quote(summary)}",
        f"source: {yaml_quote(rng.choice(OUTLETS))}",
        f"dateline: {orgs[0]['city']}",
        "organizations:",
        *[f"  - {org['name']}" for org in orgs],
        f"countries: [{', '.join(countries)}]",
        "---",
    ]
    return f"{i:06d}.md", "\n".join(front) + "\n" + body


def organizations_yaml(organizations: list[dict]) -> str:
    lines = ["# Benchmark registry, generated by bench/corpus.py."]
    for org in organizations:
        lines += [f"- id: {org['id']}", f"  name: {org['name']}", f"  aliases: [{org['alias']}]",
                  f"  country: {org['country']}", f"  description: {yaml_quote(org['description'])}"]
    return "\n".join(lines) + "\n"


SITE_YAML = """title: تعاون
description: موجز عربي لأخبار التعاون الإعلامي (مدونة قياس الأداء)
base_url: https://example.org/
locale: ar
page_size: 20
"""


def fingerprint(n: int, seed: int, organizations: int) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([GENERATOR_VERSION, n, seed, organizations]).encode())
    h.update(Path(__file__).read_bytes())
    for path in sorted((REPO / "content" / "sources").glob("*.txt")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def generate(n: int, out: Path, seed: int = 1, organization_count: int = 300, quiet: bool = False) -> bool:
    """Writes the corpus unless an identical one is already there. Returns True if written."""
    stamp = out / ".corpus-stamp"
    wanted = fingerprint(n, seed, organization_count)
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return False
    content = out / "content"
    articles = content / "articles"
    if articles.exists():
        for p in articles.iterdir():
            p.unlink()
    articles.mkdir(parents=True, exist_ok=True)
    if stamp.exists():
        stamp.unlink()

    sentences, phrases = seed_texts()
    rng = random.Random(seed)
    organizations = make_organizations(rng, organization_count)
    (content / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (content / "organizations.yaml").write_text(organizations_yaml(organizations), encoding="utf-8")
    taken: set[tuple[str, ...]] = set()
    total = 0
    for i in range(1, n + 1):
        name, text = article(i, seed, organizations, sentences, phrases, taken)
        data = text.encode("utf-8")
        total += len(data)
        (articles / name).write_bytes(data)
        if not quiet and sys.stderr.isatty() and i % 1000 == 0:
            print(f"\rcorpus: {i}/{n} articles", end="", file=sys.stderr)
    if not quiet and sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    stamp.write_text(wanted + "\n")
    if not quiet:
        print(f"corpus: {n} articles, {total / n / 1024:.1f} KB each on average, in {out}", file=sys.stderr)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--organizations", type=int, default=300)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed, args.organizations)


if __name__ == "__main__":
    main()
