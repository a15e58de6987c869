"""Deterministic playbook generator for the benchmark.

``generate(root, pages)`` writes a journeybook project of ``pages`` pages (YAML in
``journeys/``, ``content/index.md``, ``mkdocs.yml``); ``generate_markdown(root,
pages)`` writes the same site as hand-written Markdown pages for plain MkDocs +
Material: the same pages at the same URLs, the same text, the same navigation,
checklists as Markdown task lists.

Page count: 5 fixed pages (home, and the Journeys, Personas, Touchpoints and
Sources index pages) + personas (about 5%) + touchpoints (about 40%) + journeys
(the rest; each journey is 1 map + 5 phase pages).

Run directly to write a project: ``python benchmarks/generate.py DIR 500 [--markdown]``.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SEED = 20240501
FIXED_PAGES = 5  # home, journeys/, personas/, touchpoints/, sources/

PHASES = [
    ("awareness", "Awareness", "How do they find us when their need becomes concrete?"),
    ("consideration", "Consideration", "Why should they choose us over the alternatives?"),
    ("purchase", "Purchase", "What could still make them drop out at the last moment?"),
    ("service", "Service", "How do we help them get what they paid for, without effort?"),
    ("loyalty", "Loyalty", "What makes them come back and tell others about us?"),
]
PHASE_SUMMARY = {
    "awareness": "The customer becomes aware of a need, and of you. A **latent** need plays in the background; "
    "a trigger such as moving house, a new job or something breaking makes it **concrete**.",
    "consideration": "The customer knows what they want and compares you with your competitors. Make your unique "
    "selling point clear and give honest, independent information.",
    "purchase": "The moment of truth: the customer takes action. Payment has to go smoothly and without surprises.",
    "service": "It does not end at the purchase. Delivery, status updates and customer service decide whether "
    "the customer comes back.",
    "loyalty": "Turn the customer into a fan and ambassador: make them feel heard and make word of mouth easy.",
}
CATEGORIES = [
    ("seo", "Search engine optimisation"), ("sea", "Search engine advertising"), ("social", "Social media"),
    ("content", "Content"), ("display", "Display advertising"), ("retargeting", "Retargeting"), ("email", "Email"),
    ("comparison", "Comparison sites"), ("reviews", "Reviews"), ("customer-service", "Customer service"),
    ("webcare", "Webcare"), ("events", "Events"), ("checkout", "Checkout"), ("delivery", "Delivery"),
    ("after-sales", "After-sales service"), ("loyalty", "Loyalty"),
]
CHANNELS = [
    ("search-engine", "Search engine", "online"), ("social-media", "Social media", "online"),
    ("ad-network", "Ad networks", "online"), ("website", "Website and webshop", "online"),
    ("email", "Email", "online"), ("chat", "Chat", "online"), ("comparison-site", "Comparison sites", "online"),
    ("review-site", "Review sites", "online"), ("forum", "Forums and communities", "online"),
    ("phone", "Phone", "offline"), ("store", "Store", "offline"), ("delivery", "Post and delivery", "offline"),
    ("events", "Events and trade fairs", "offline"), ("personal-visit", "Personal visit", "offline"),
    ("word-of-mouth", "Word of mouth", "hybrid"),
]
CATEGORY_TOPICS = {
    "seo": ["Organic search", "Local search listing", "Buying guide pages", "FAQ pages", "Category landing pages"],
    "sea": ["Search ads", "Shopping ads", "Local search ads", "Brand keyword ads"],
    "social": ["Instagram presence", "Facebook groups", "LinkedIn company page", "YouTube channel", "Influencer posts"],
    "content": ["Blog and guides", "How-to videos", "Product page", "Comparison guide", "Customer stories"],
    "display": ["Display banners", "Video pre-roll", "Native advertising"],
    "retargeting": ["Retargeting ads", "Abandoned basket ads", "Cross-sell retargeting"],
    "email": ["Order confirmation", "Newsletter", "Status update email", "Welcome series", "Review request email"],
    "comparison": ["Comparison sites", "Forum answers", "Price comparison feed"],
    "reviews": ["Reviews and ratings", "Review site profile", "Product reviews"],
    "customer-service": ["Phone support", "Live chat", "Email support", "Callback service", "Help centre"],
    "webcare": ["Webcare on social", "Complaint handling online", "Community moderation"],
    "events": ["Trade fair stand", "Open day", "Webinar", "Store demo day"],
    "checkout": ["Checkout and payment", "Basket page", "Guest checkout", "Payment on invoice"],
    "delivery": ["Home delivery", "Pick-up point", "Installation at home", "Delivery tracking"],
    "after-sales": ["Returns and repairs", "Onboarding call", "Warranty claims", "Spare parts service"],
    "loyalty": ["Loyalty programme", "Ambassador programme", "Member discounts", "Birthday gesture"],
}
OWNERS = ["Marketing", "E-commerce", "Customer service", "Sales", "Logistics", "After-sales", "Brand", "Content team"]
FIRST = ["Lotte", "Pieter", "Sanne", "Mark", "Fatima", "Daan", "Emma", "Youssef", "Anouk", "Bram", "Noor", "Thijs",
         "Julia", "Mohamed", "Eva", "Lars", "Sophie", "Ruben", "Lisa", "Jan", "Mila", "Sem", "Femke", "Koen"]
LAST = ["Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
        "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits"]
ROLES = ["Working parent who shops mostly on a phone", "Careful senior who wants to see before buying",
         "Small business owner who buys for the company", "Operations manager comparing suppliers",
         "Student on a tight budget", "First-time home owner furnishing a house", "Procurement officer at a school",
         "Freelancer who needs equipment quickly", "Retired hobbyist with time to compare"]
JOURNEY_TITLES = [
    "Buying a washing machine online", "Choosing an e-bike", "Switching accounting software", "Ordering a sofa",
    "Replacing a broken laptop", "Renewing a service contract", "Buying garden furniture", "Ordering a coffee machine",
    "Choosing a new mattress", "Switching phone subscription", "Furnishing an office", "Installing a heat pump",
    "Booking a holiday package", "Buying running shoes", "Leasing a company car", "Taking out home insurance",
    "Requesting a repair", "Returning a product", "Onboarding a new business customer", "Renewing a membership",
]
SUBJECTS = ["The customer", "A first-time buyer", "A returning customer", "The buyer", "Our visitor",
            "A prospect", "The household", "A business customer", "The decision maker"]
ACTIONS_V = ["compares", "looks for", "expects", "reads", "asks about", "checks", "wants to know",
             "worries about", "searches for", "shares"]
OBJECTS = ["the total price including shipping", "a delivery slot that fits the week", "honest reviews",
           "the returns policy", "the warranty conditions", "a clear answer from customer service",
           "the opening hours of the store", "the experiences of other customers", "the payment methods",
           "a confirmation of the order", "tips for first use", "the difference between two models",
           "a discount for members", "the installation date", "the status of the order"]
TAILS = ["before the checkout starts", "on a small screen", "in the evening after work",
         "while waiting for the train", "with a partner at home", "on a comparison site", "in a group chat",
         "after reading a test result", "before calling customer service", "within a few minutes",
         "without creating an account", "at the last step of the process"]
ADVICE = ["Show", "Offer", "Test", "Measure", "Explain", "Keep", "Answer", "Ask for", "Send", "Follow up on",
          "Publish", "Update", "Plan", "Check", "Personalise"]
ADVICE_OBJ = ["the total price up front", "the delivery date on the product page", "a guest checkout",
              "the phone number and chat in the footer", "reviews next to the product",
              "questions within one working day", "a status update when the parcel leaves",
              "a short survey after contact", "the unique selling point in the first screen",
              "the most asked questions on the page", "a confirmation for orders above 150 euros",
              "the frequency of retargeting ads", "load times on mobile", "the tone of voice in replies",
              "a review request after installation"]
PAIN = ["Shipping costs that appear at the last step", "A delivery window of a whole day",
        "Having to repeat the question to a second agent", "Ads for a product already bought",
        "Prices that differ between the comparison site and the shop", "Long waiting times on the phone",
        "Forms that do not work on a phone", "No answer to an email for days", "Unclear warranty terms",
        "Being transferred without the history of the conversation"]
EMOTION_NOTES = ["Stress because something broke at a bad moment", "Hopeful, but comparing takes longer than expected",
                 "Relief, dented by an unexpected cost", "Delighted by a smooth delivery",
                 "Irritated by waiting on the phone", "Satisfied and ready to recommend",
                 "Unsure whether the choice was right", "Confident after a clear answer"]
THOUGHTS = ["Why didn't they tell me this before?", "Good, that's arranged.", "I hope they really come on Thursday.",
            "That went really well.", "I already told your colleague all this.", "Fine. But I'm not happy about it."]
DECISION = ["Total price including shipping", "Delivery speed", "Reviews of other customers", "Easy, free returns",
            "Personal advice", "Reputation of the brand", "Service after the purchase", "Payment on invoice"]
PUBLISHERS = ["Thuiswinkel Markt Monitor", "Consumentenbond", "Utrechtse Zaken", "CBS", "Nielsen"]
PLACES = ["Utrecht", "Rotterdam", "Groningen", "Eindhoven", "Zwolle"]
HOUSEHOLDS = ["Single", "Partner", "Partner and two children", "Lives alone, children nearby"]
DEVICES = ["Smartphone first", "Tablet and laptop", "Laptop at work, phone at home"]
TOUCHPOINT_KPIS = ["Conversion from", "Share of visitors on", "Satisfaction with", "Response time of"]
QUESTION_STARTS = ["Is", "Can I trust", "What about", "When do I get"]
PHASE_KPIS = ["Drop-out in", "Satisfaction in", "Conversion in"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-")


# --------------------------------------------------------------------------- the data


@dataclass
class Playbook:
    pages: int
    sources: list[dict[str, Any]] = field(default_factory=list)
    personas: dict[str, dict[str, Any]] = field(default_factory=dict)
    touchpoints: dict[str, dict[str, Any]] = field(default_factory=dict)
    journeys: dict[str, dict[str, Any]] = field(default_factory=dict)


def counts(pages: int) -> tuple[int, int, int]:
    """(personas, touchpoints, journeys) for a site of exactly ``pages`` pages (pages >= 30)."""
    if pages < 30:
        raise ValueError("at least 30 pages")
    personas = max(2, round(pages * 0.05))
    journeys = max(1, round((pages - FIXED_PAGES - personas - round(pages * 0.40)) / 6))
    touchpoints = pages - FIXED_PAGES - personas - 6 * journeys
    return personas, touchpoints, journeys


class _Text:
    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def sentence(self, bold: bool = False) -> str:
        r = self.r
        obj = r.choice(OBJECTS)
        if bold:
            obj = f"**{obj}**"
        return f"{r.choice(SUBJECTS)} {r.choice(ACTIONS_V)} {obj} {r.choice(TAILS)}."

    def advice(self) -> str:
        r = self.r
        return f"{r.choice(ADVICE)} {r.choice(ADVICE_OBJ)} {r.choice(TAILS)}"

    def paragraph(self, n: int, bold: bool = True) -> str:
        marked = self.r.randrange(n) if bold and n > 1 else -1
        words = [self.sentence(bold=i == marked) for i in range(n)]
        text = " ".join(words)
        # wrap like an editor would
        out, line = [], ""
        for word in text.split(" "):
            if len(line) + len(word) + 1 > 76 and line:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
        return "\n".join(out) + "\n"

    def md(self, paragraphs: int = 1, sentences: int = 3) -> str:
        return "\n".join(self.paragraph(sentences) for _ in range(paragraphs))


def build(pages: int) -> Playbook:
    """The whole playbook as plain data; same ``pages`` gives the same playbook."""
    n_personas, n_touchpoints, n_journeys = counts(pages)
    r = random.Random(SEED + pages)
    t = _Text(r)
    pb = Playbook(pages)

    for i in range(12 + pages // 50):
        pb.sources.append({
            "id": f"source-{i + 1}",
            "claim": f"{r.randint(20, 95)}% of customers {r.choice(ACTIONS_V)} {r.choice(OBJECTS)} {r.choice(TAILS)}.",
            "value": f"{r.randint(20, 95)}%",
            "publisher": r.choice(PUBLISHERS),
            "year": r.randint(2015, 2024),
        })
    source_ids = [s["id"] for s in pb.sources]
    channel_ids = [c[0] for c in CHANNELS]

    for i in range(n_personas):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + i // len(FIRST)) % len(LAST)]}"
        pid = f"{slug(name)}-{i + 1}"
        pb.personas[pid] = {
            "name": name,
            "role": r.choice(ROLES),
            "segment": r.choice(["b2b", "b2c"]),
            "quote": t.sentence(),
            "about": t.md(2, 4),
            "demographics": {"age": str(r.randint(19, 78)), "location": r.choice(PLACES),
                             "household": r.choice(HOUSEHOLDS), "devices": r.choice(DEVICES)},
            "goals": [t.sentence() for _ in range(3)],
            "frustrations": r.sample(PAIN, 3),
            "needs": {"latent": [t.sentence() for _ in range(2)], "concrete": [t.sentence() for _ in range(2)]},
            "triggers": [t.sentence() for _ in range(3)],
            "channels": sorted(r.sample(channel_ids, 4)),
            "decision_drivers": r.sample(DECISION, 3),
        }
    persona_ids = list(pb.personas)

    for i in range(n_touchpoints):
        cid, cname = CATEGORIES[i % len(CATEGORIES)]
        topic = r.choice(CATEGORY_TOPICS[cid])
        name = f"{topic} {i + 1}"
        tid = slug(name)
        checklist = []
        for k in range(r.randint(4, 8)):
            item: dict[str, Any] = {"id": f"item-{k + 1}", "text": t.advice().capitalize(),
                                    "priority": r.choice(["must", "should", "should", "could"])}
            if r.random() < 0.35:
                item["detail"] = t.paragraph(2)
            if r.random() < 0.2:
                item["evidence"] = r.sample(source_ids, 1)
            checklist.append(item)
        pb.touchpoints[tid] = {
            "name": name,
            "category": cid,
            "channel": r.choice(channel_ids),
            "contact": r.choice(["direct", "indirect"]),
            "owner": r.choice(OWNERS),
            "summary": t.md(1, 3),
            "checklist": checklist,
            "kpis": [{"name": f"{r.choice(TOUCHPOINT_KPIS)} {topic.lower()}", "target": f"{r.randint(10, 95)}%"}
                     for _ in range(r.randint(1, 3))],
            "pitfalls": r.sample(PAIN, 2),
        }
        if r.random() < 0.6:
            pb.touchpoints[tid]["evidence"] = r.sample(source_ids, r.randint(1, 2))
    touchpoint_ids = list(pb.touchpoints)

    tp_cycle = 0  # every touchpoint is used at least once
    for i in range(n_journeys):
        title = f"{r.choice(JOURNEY_TITLES)} ({i + 1})"
        jid = slug(title)
        personas = [persona_ids[i % len(persona_ids)]] + r.sample(persona_ids, r.randint(0, 2))
        personas = list(dict.fromkeys(personas))
        phases: dict[str, Any] = {}
        for p, (phase_id, _, _) in enumerate(PHASES):
            used = []
            for _ in range(r.randint(4, 6)):
                if tp_cycle < len(touchpoint_ids):
                    used.append(touchpoint_ids[tp_cycle])
                    tp_cycle += 1
                else:
                    used.append(r.choice(touchpoint_ids))
            used = list(dict.fromkeys(used))
            refs: list[Any] = [{"ref": u, "note": t.sentence()} if r.random() < 0.3 else u for u in used]
            entry: dict[str, Any] = {
                "goal": t.sentence()[:-1],
                "actions": [t.sentence() for _ in range(r.randint(3, 4))],
                "questions": [f"{r.choice(QUESTION_STARTS)} {r.choice(OBJECTS)}?" for _ in range(r.randint(2, 3))],
                "emotion": {"score": r.randint(1, 5), "note": r.choice(EMOTION_NOTES)},
                "touchpoints": refs,
                "pain_points": r.sample(PAIN, 2),
                "opportunities": [t.advice() for _ in range(2)],
                "moments_of_truth": [t.sentence() for _ in range(r.randint(1, 2))],
                "kpis": [{"name": f"{r.choice(PHASE_KPIS)} {phase_id}", "target": f"{r.randint(10, 95)}%"}],
                "evidence": r.sample(source_ids, r.randint(1, 2)),
                "persona_notes": {pid: t.paragraph(2) for pid in personas},
            }
            if p in (2, 3) and r.random() < 0.5:
                entry["steps"] = [
                    {"id": f"step-{s + 1}", "action": t.sentence()[:-1], "touchpoints": [r.choice(used)],
                     "emotion": r.randint(1, 5), "thought": r.choice(THOUGHTS)}
                    for s in range(r.randint(3, 4))
                ]
            phases[phase_id] = entry
        pb.journeys[jid] = {
            "title": title,
            "personas": personas,
            "summary": t.md(1, 4),
            "goal": t.sentence()[:-1],
            "trigger": t.sentence()[:-1],
            "phases": phases,
        }
    return pb


# --------------------------------------------------------------------------- journeybook project

FEATURES = ["navigation.tabs", "navigation.instant", "navigation.indexes", "content.action.edit"]
INDEX_MD = """# Customer Journey Playbook

Welcome. This playbook describes how our customers find us, choose us, buy
from us, get help and come back, and what we do at every step to make that
journey a good one.

## The five phases

1. **Awareness**: the customer becomes aware of a need, and of us.
2. **Consideration**: they compare us with the alternatives.
3. **Purchase**: payment must go smoothly, without surprises.
4. **Service**: delivery, questions, returns and repairs.
5. **Loyalty**: a happy customer comes back and tells others.

## Where to start

- [Journeys](journeys/index.md): the journey maps, phase by phase.
- [Personas](personas/index.md): who our customers are.
- [Touchpoints](touchpoints/index.md): every checklist, grouped by category.
- [Sources](sources/index.md): the figures behind the advice.
"""


def _config(extra: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = {
        "site_name": "Benchmark Playbook",
        "site_url": "https://example.org/playbook/",
        "repo_url": "https://github.com/example/playbook",
        "edit_uri": "edit/main/content/",
        "docs_dir": "content",
        "theme": {"name": "material", "language": "en", "features": list(FEATURES)},
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
    }
    config.update(extra)
    return config


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:  # Markdown text the way an editor writes it: a literal block
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def generate(root: str | Path, pages: int) -> Path:
    """Write a journeybook project of ``pages`` pages into ``root``; returns ``root``."""
    root = Path(root)
    pb = build(pages)
    data = root / "journeys"
    (data / "personas").mkdir(parents=True, exist_ok=True)
    (data / "touchpoints").mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (root / "mkdocs.yml").write_text(_dump(_config({"plugins": ["search", "journeybook"]})), encoding="utf-8")
    playbook = {
        "title": "Benchmark Playbook",
        "phases": [{"id": pid, "name": name, "summary": PHASE_SUMMARY[pid], "question": q} for pid, name, q in PHASES],
        "channels": [{"id": cid, "name": name, "type": kind} for cid, name, kind in CHANNELS],
        "sources": pb.sources,
    }
    (data / "playbook.yml").write_text("# Playbook settings (generated for the benchmark).\n" + _dump(playbook),
                                       encoding="utf-8")
    for pid, persona in pb.personas.items():
        (data / "personas" / f"{pid}.yml").write_text(f"# Persona: {persona['name']}\n" + _dump(persona),
                                                      encoding="utf-8")
    for tid, tp in pb.touchpoints.items():
        (data / "touchpoints" / f"{tid}.yml").write_text(f"# Touchpoint: {tp['name']}\n" + _dump(tp), encoding="utf-8")
    for jid, journey in pb.journeys.items():
        (data / f"{jid}.yml").write_text(f"# Journey: {journey['title']}\n" + _dump(journey), encoding="utf-8")
    return root


# --------------------------------------------------------------------------- hand-written Markdown


def _li(items: list[str], indent: str = "") -> str:
    return "".join(f"{indent}- {i}\n" for i in items)


def _indent(text: str, by: str = "    ") -> str:
    return "".join(by + line if line.strip() else line for line in text.splitlines(keepends=True))


def _curve_svg(points: list[tuple[str, int]], title: str) -> str:
    """The emotion curve as hand-drawn inline SVG (what an editor would paste)."""
    w, h, pad = 600, 200, 30
    step = (w - 2 * pad) / max(1, len(points) - 1)
    coords = [(pad + i * step, h - pad - (score - 1) * (h - 2 * pad) / 4) for i, (_, score) in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{label}: {s}/5</title></circle>'
                   for (x, y), (label, s) in zip(coords, points, strict=True))
    return (f'<svg class="emotion-curve" role="img" viewBox="0 0 {w} {h}" width="100%">'
            f'<title>{title}</title><polyline fill="none" stroke="currentColor" stroke-width="2" points="{line}"/>'
            f"{dots}</svg>\n")


def _points(journey: dict[str, Any]) -> list[tuple[str, int]]:
    out = []
    names = {p[0]: p[1] for p in PHASES}
    for pid, entry in journey["phases"].items():
        steps = [s for s in entry.get("steps", []) if "emotion" in s]
        if steps:
            out += [(f"{names[pid]} – {s['action']}", s["emotion"]) for s in steps]
        else:
            out.append((names[pid], entry["emotion"]["score"]))
    return out


def _rel(from_src: str, to_src: str) -> str:
    """A relative link between two Markdown sources (MkDocs resolves and checks it)."""
    import posixpath

    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def _checklist_md(tp: dict[str, Any], sources_link: str) -> str:
    out = []
    for item in tp["checklist"]:
        cite = ""
        if item.get("evidence"):
            cite = " " + " ".join(f"[[{e}]]({sources_link}#{e})" for e in item["evidence"])
        out.append(f"- [ ] **{item['priority']}** {item['text']}{cite}\n")
        if item.get("detail"):
            out.append("\n" + _indent(item["detail"], "    ") + "\n")
    return "".join(out)


def generate_markdown(root: str | Path, pages: int) -> Path:
    """Write the same playbook as hand-written Markdown for plain MkDocs + Material."""
    root = Path(root)
    pb = build(pages)
    docs = root / "content"
    phase_names = {p[0]: p[1] for p in PHASES}
    phase_q = {p[0]: p[2] for p in PHASES}
    cat_names = dict(CATEGORIES)
    sources = {s["id"]: s for s in pb.sources}
    files: dict[str, str] = {"index.md": INDEX_MD}
    cited: dict[str, list[tuple[str, str]]] = {s: [] for s in sources}
    uses: dict[str, list[tuple[str, str, str]]] = {tid: [] for tid in pb.touchpoints}
    persona_journeys: dict[str, list[str]] = {pid: [] for pid in pb.personas}

    def sources_md(src: str, ids: list[str], title: str) -> str:
        if not ids:
            return ""
        link = _rel(src, "sources/index.md")
        out = ["\n## Sources\n\n"]
        for n, sid in enumerate(dict.fromkeys(ids), start=1):
            s = sources[sid]
            cited[sid].append((title, src))
            out.append(f"{n}. {s['claim']} — {s['publisher']}, {s['year']} ([all sources]({link}#{sid}))\n")
        return "".join(out)

    # journeys ----------------------------------------------------------------
    nav_journeys: list[Any] = ["journeys/index.md"]
    cards = ["# Journeys\n\n"]
    for jid, j in pb.journeys.items():
        map_src = f"journeys/{jid}/index.md"
        for pid in j["personas"]:
            persona_journeys[pid].append(jid)
        personas = ", ".join(f"[{pb.personas[p]['name']}]({_rel('journeys/index.md', f'personas/{p}.md')})"
                             for p in j["personas"])
        cards.append(f"## [{j['title']}]({jid}/index.md)\n\n**Personas:** {personas}\n\n"
                     f"**Phases:** {', '.join(phase_names[p] for p in j['phases'])}\n\n{j['summary']}\n")
        # the map
        ph = list(j["phases"].items())
        head = "| | " + " | ".join(f"[{phase_names[p]}]({p}.md)" for p, _ in ph) + " |\n"
        head += "|---|" + "---|" * len(ph) + "\n"

        def row(label: str, cell: Any, ph: list[tuple[str, Any]] = ph) -> str:
            cells = (cell(e).replace("\n", " ").replace("|", "\\|") for _, e in ph)
            return f"| **{label}** | " + " | ".join(cells) + " |\n"

        def tps(e: dict[str, Any]) -> str:
            refs = [u["ref"] if isinstance(u, dict) else u for u in e["touchpoints"]]
            return "<br>".join(f"[{pb.touchpoints[t]['name']}](../../touchpoints/{t}.md)" for t in refs)

        table = head + row("Goal", lambda e: e["goal"]) + row("Actions", lambda e: "<br>".join(e["actions"]))
        table += row("Questions", lambda e: "<br>".join(e["questions"])) + row("Touchpoints", tps)
        table += row("Emotion", lambda e: f"{e['emotion']['score']}/5 {e['emotion']['note']}")
        table += row("Pain points", lambda e: "<br>".join(e["pain_points"]))
        table += row("Opportunities", lambda e: "<br>".join(e["opportunities"]))
        table += row("Moments of truth", lambda e: "<br>".join(e["moments_of_truth"]))
        persona_links = ", ".join(f"[{pb.personas[p]['name']}](../../personas/{p}.md)" for p in j["personas"])
        files[map_src] = (f"# {j['title']}\n\n{j['summary']}\n**Business goal:** {j['goal']}\n\n"
                          f"**Trigger:** {j['trigger']}\n\n"
                          f"**Personas:** {persona_links}\n\n## Journey map\n\n{table}\n## Emotion curve\n\n"
                          + _curve_svg(_points(j), f"Emotion curve of {j['title']}"))
        section: list[Any] = [map_src]
        for k, (pid, e) in enumerate(ph):
            src = f"journeys/{jid}/{pid}.md"
            title = f"{phase_names[pid]} – {j['title']}"
            section.append({phase_names[pid]: src})
            out = [f"# {title}\n\n*Phase {k + 1} of {len(ph)}* · [Journey map](index.md)\n\n",
                   f"**Guiding question:** {phase_q[pid]}\n\n**Customer goal:** {e['goal']}\n\n",
                   f"**Emotion:** {e['emotion']['score']}/5 — {e['emotion']['note']}\n\n",
                   "## What the customer does\n\n", _li(e["actions"]),
                   "\n## What the customer asks\n\n", _li(e["questions"])]
            if e.get("steps"):
                out.append("\n## Steps\n\n")
                for s in e["steps"]:
                    out.append(f"1. {s['action']} ({s['emotion']}/5) — *{s['thought']}*\n")
            for m in e["moments_of_truth"]:
                out.append(f'\n!!! warning "Moment of truth"\n\n    {m}\n')
            out.append("\n## Touchpoints and checklists\n")
            item_evidence: list[str] = []
            for u in e["touchpoints"]:
                tid = u["ref"] if isinstance(u, dict) else u
                tp = pb.touchpoints[tid]
                uses[tid].append((title, src, u.get("note", "") if isinstance(u, dict) else ""))
                out.append(f"\n### [{tp['name']}](../../touchpoints/{tid}.md)\n\n")
                if isinstance(u, dict):
                    out.append(f"{u['note']}\n\n")
                out.append(_checklist_md(tp, "../../sources/index.md"))
                item_evidence += [s for i in tp["checklist"] for s in i.get("evidence", [])]
            out += ["\n## Pain points\n\n", _li(e["pain_points"]), "\n## Opportunities\n\n", _li(e["opportunities"]),
                    "\n## KPIs\n\n", _li([f"{x['name']}: {x['target']}" for x in e["kpis"]])]
            if e.get("persona_notes"):
                out.append("\n## Per persona\n\n")
                for p, note in e["persona_notes"].items():
                    out.append(f"### [{pb.personas[p]['name']}](../../personas/{p}.md)\n\n{note}\n")
            out.append(sources_md(src, [*e["evidence"], *item_evidence], title))
            arrows = []
            if k > 0:
                arrows.append(f"[← {phase_names[ph[k - 1][0]]}]({ph[k - 1][0]}.md)")
            if k + 1 < len(ph):
                arrows.append(f"[{phase_names[ph[k + 1][0]]} →]({ph[k + 1][0]}.md)")
            out.append("\n" + " · ".join(arrows) + "\n")
            files[src] = "".join(out)
        nav_journeys.append({j["title"]: section})
    files["journeys/index.md"] = "\n".join(cards)

    # personas ----------------------------------------------------------------
    nav_personas: list[Any] = ["personas/index.md"]
    gallery = ["# Personas\n\n"]
    for pid, p in pb.personas.items():
        src = f"personas/{pid}.md"
        nav_personas.append(src)
        gallery.append(f"## [{p['name']}]({pid}.md)\n\n{p['role']}\n\n> {p['quote']}\n")
        demo = "| | |\n|---|---|\n" + "".join(f"| {k} | {v} |\n" for k, v in p["demographics"].items())
        out = [f"# {p['name']}\n\n*{p['role']}* ({p['segment']})\n\n> {p['quote']}\n\n## About\n\n{p['about']}\n",
               f"## Demographics\n\n{demo}\n## Goals\n\n", _li(p["goals"]),
               "\n## Frustrations\n\n", _li(p["frustrations"]),
               "\n## Needs\n\n### Latent\n\n", _li(p["needs"]["latent"]),
               "\n### Concrete\n\n", _li(p["needs"]["concrete"]),
               "\n## Triggers\n\n", _li(p["triggers"]), "\n## Channels\n\n", _li(p["channels"]),
               "\n## Decision drivers\n\n", _li(p["decision_drivers"]), "\n## Journeys\n"]
        for jid in persona_journeys[pid]:
            j = pb.journeys[jid]
            out.append(f"\n### [{j['title']}](../journeys/{jid}/index.md)\n\n")
            out.append(_curve_svg(_points(j), f"Emotion curve of {p['name']} in {j['title']}"))
        files[src] = "".join(out)
    files["personas/index.md"] = "\n".join(gallery)

    # touchpoints -------------------------------------------------------------
    nav_touchpoints: list[Any] = ["touchpoints/index.md"]
    groups: dict[str, list[str]] = {}
    for tid, tp in pb.touchpoints.items():
        groups.setdefault(tp["category"], []).append(tid)
        src = f"touchpoints/{tid}.md"
        title = tp["name"]
        out = [f"# {title}\n\n**Category:** {cat_names[tp['category']]} · **Channel:** {tp['channel']} · "
               f"**Contact:** {tp['contact']} · **Owner:** {tp['owner']}\n\n{tp['summary']}\n## Checklist\n\n",
               _checklist_md(tp, "../sources/index.md"),
               "\n## KPIs\n\n", _li([f"{x['name']}: {x['target']}" for x in tp["kpis"]])]
        for pit in tp["pitfalls"]:
            out.append(f'\n!!! danger "Pitfall"\n\n    {pit}\n')
        out.append("\n## Used in\n\n")
        for utitle, usrc, note in uses[tid]:
            out.append(f"- [{utitle}](../{usrc})" + (f": {note}" if note else "") + "\n")
        evidence = [*tp.get("evidence", []), *(s for i in tp["checklist"] for s in i.get("evidence", []))]
        out.append(sources_md(src, evidence, title))
        files[src] = "".join(out)
    index = ["# Touchpoints\n"]
    for cid, cname in CATEGORIES:
        if cid not in groups:
            continue
        nav_touchpoints.append({cname: [f"touchpoints/{tid}.md" for tid in groups[cid]]})
        index.append(f"\n## {cname}\n")
        for tid in groups[cid]:
            tp = pb.touchpoints[tid]
            index.append(f"\n### [{tp['name']}]({tid}.md)\n\n" + _checklist_md(tp, "../sources/index.md"))
    files["touchpoints/index.md"] = "".join(index)

    # sources -----------------------------------------------------------------
    out = ["# Sources\n"]
    for sid, s in sources.items():
        out.append(f"\n## {s['value']}: {s['publisher']} ({s['year']}) {{ #{sid} }}\n\n{s['claim']}\n\nCited on:\n\n")
        out += [f"- [{t}](../{src})\n" for t, src in cited[sid]]
    files["sources/index.md"] = "".join(out)

    for rel_path, text in files.items():
        path = docs / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    nav = [
        {"Home": "index.md"},
        {"Journeys": nav_journeys},
        {"Personas": nav_personas},
        {"Touchpoints": nav_touchpoints},
        {"Sources": ["sources/index.md"]},
    ]
    config = _config({
        "plugins": ["search"],
        "markdown_extensions": ["admonition", "attr_list", "tables", "md_in_html", {"toc": {"permalink": True}},
                                {"pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True}}],
        "nav": nav,
    })
    (root / "mkdocs.yml").write_text(_dump(config), encoding="utf-8")
    return root


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root")
    ap.add_argument("pages", type=int)
    ap.add_argument("--markdown", action="store_true", help="write the hand-written Markdown site instead")
    args = ap.parse_args()
    (generate_markdown if args.markdown else generate)(args.root, args.pages)
    print(f"wrote {args.root} ({args.pages} pages, personas/touchpoints/journeys = {counts(args.pages)})")


if __name__ == "__main__":
    main()
