"""Hand-built resolved playbooks for the renderer tests (no YAML, no MkDocs)."""

from __future__ import annotations

from journeybook.model import (
    Category,
    Channel,
    ChecklistItem,
    Emotion,
    Journey,
    Kpi,
    Persona,
    Phase,
    PhaseEntry,
    Playbook,
    Source,
    Step,
    Touchpoint,
    TouchpointUse,
)
from journeybook.translation import i18n

PHASE_IDS = ("awareness", "consideration", "purchase", "service", "loyalty")


def _phases(language: str) -> list[Phase]:
    names = i18n.default_phase_names(language)
    return [
        Phase("awareness", names["awareness"], summary="People *notice* a need.", question="How do they find us?"),
        Phase("consideration", names["consideration"], question="Why us?"),
        Phase("purchase", names["purchase"]),
        Phase("service", names["service"]),
        Phase("loyalty", names["loyalty"]),
    ]


def _categories(language: str) -> list[Category]:
    return [Category(cid, name) for cid, name in i18n.default_category_names(language).items()]


def sample_playbook(language: str = "en") -> Playbook:
    """2 personas, 3 touchpoints, 1 journey with all five phases, steps in one phase, notes, sources."""
    sources = [
        Source("wait-times", "Almost 90% drop out when they have to wait long", "90%", "Example Research",
               "https://example.org/wait", 2021),
        Source("reviews-trust", "Most buyers read reviews before buying", publisher="Review Lab", year=2020),
        Source("unused", "A source nobody cites"),
    ]
    personas = {
        "busy-parent": Persona(
            id="busy-parent", source_path="journeys/personas/busy-parent.yml", name="Sanne de Vries",
            role="Working parent of two", segment="b2c", quote="I have five minutes, tops.",
            about="Runs a household **and** a job.", demographics={"age": "38", "location": "Utrecht"},
            goals=["Save time"], frustrations=["Long forms"], needs_latent=["Peace of mind"],
            needs_concrete=["Fast delivery"], triggers=["New baby"], channels=["web", "store"],
            decision_drivers=["price", "service"],
        ),
        "careful-senior": Persona(
            id="careful-senior", source_path="journeys/personas/careful-senior.yml", name="Henk Jansen",
            role="Retired teacher", quote="Explain it to me once, properly.",
        ),
    }
    touchpoints = {
        "checkout": Touchpoint(
            id="checkout", source_path="journeys/touchpoints/checkout.yml", name="Checkout", category="checkout",
            channel="web", contact="direct", owner="E-commerce team", summary="Where the money is made.",
            checklist=[
                ChecklistItem("guest-checkout", "Offer guest checkout", "No account *needed*.", "must",
                              ("wait-times",)),
                ChecklistItem("payment-methods", "Show payment methods early", priority="should"),
                ChecklistItem("progress", "Show progress through the steps", priority="could"),
            ],
            kpis=[Kpi("Conversion rate", "3%")], pitfalls=["Forcing an account"], evidence=["wait-times"],
        ),
        "reviews": Touchpoint(
            id="reviews", source_path="journeys/touchpoints/reviews.yml", name="Review sites", category="reviews",
            contact="indirect",
            checklist=[
                ChecklistItem("respond", "Respond to every review", priority="must", evidence=("reviews-trust",)),
                ChecklistItem("ask", "Ask happy customers for a review"),
            ],
        ),
        "seo": Touchpoint(
            id="seo", source_path="journeys/touchpoints/seo.yml", name="Search engine optimisation", category="seo",
            channel="web", checklist=[ChecklistItem("titles", "Write clear page titles", priority="must")],
        ),
    }
    journey = Journey(
        id="first-purchase", source_path="journeys/first-purchase.yml", title="First purchase",
        personas=["busy-parent", "careful-senior"], summary="From *first search* to loyal customer.",
        goal="Win new customers", trigger="Need for a product",
        phases=[
            PhaseEntry("awareness", goal="Find options", actions=["Searches online"], questions=["What exists?"],
                       emotion=Emotion(3, "curious"), touchpoints=[TouchpointUse("seo", "Rank for *needs*.")],
                       evidence=["reviews-trust"]),
            PhaseEntry("consideration", goal="Compare", emotion=Emotion(2),
                       touchpoints=[TouchpointUse("reviews")], pain_points=["Too many options"],
                       opportunities=["Comparison table"],
                       persona_notes={"careful-senior": "Reads **every** review."}),
            PhaseEntry("purchase", goal="Buy quickly",
                       steps=[
                           Step("add-to-cart", "Adds to cart", ["checkout"], Emotion(4), "Nice."),
                           Step("pay", "Pays", ["checkout"], Emotion(2), "Why so many fields?"),
                           Step("confirm", "Gets confirmation", [], Emotion(5)),
                       ],
                       touchpoints=[TouchpointUse("checkout", "Keep it short.")],
                       moments_of_truth=["Payment fails or succeeds"], kpis=[Kpi("Drop-off", "< 20%")],
                       evidence=["wait-times"],
                       persona_notes={"busy-parent": "Pays on the phone.", "careful-senior": "Wants to call."}),
            PhaseEntry("service", emotion=Emotion(4), touchpoints=[TouchpointUse("reviews")]),
            PhaseEntry("loyalty", emotion=Emotion(5), moments_of_truth=["Second order"]),
        ],
    )
    return Playbook(
        title="Sample playbook", language=language, phases=_phases(language), categories=_categories(language),
        channels=[Channel("web", "Website", "online"), Channel("store", "Store", "offline")],
        sources=sources, personas=personas, touchpoints=touchpoints, journeys={journey.id: journey},
        playbook_path="journeys/playbook.yml",
    )


XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
XSS_MD = XSS + " [x](javascript:alert(1)) [y](JavaScript:alert(1))"


def hostile_playbook() -> Playbook:
    """Every text field holds a script; every md field a javascript: link too."""
    item = ChecklistItem("item", XSS, XSS_MD, "must", ("src",))
    tp = Touchpoint("tp", "journeys/touchpoints/tp.yml", XSS, "seo", [item], channel="web", contact="direct",
                    owner=XSS, summary=XSS_MD, kpis=[Kpi(XSS, XSS)], pitfalls=[XSS], evidence=["src"])
    persona = Persona(
        "p", "journeys/personas/p.yml", XSS, XSS, quote=XSS, about=XSS_MD, demographics={XSS: XSS}, goals=[XSS],
        frustrations=[XSS], needs_latent=[XSS], needs_concrete=[XSS], triggers=[XSS], channels=["web"],
        decision_drivers=[XSS],
    )
    entry = PhaseEntry(
        "awareness", goal=XSS, actions=[XSS], questions=[XSS], emotion=Emotion(3, XSS),
        steps=[Step("s", XSS, ["tp"], Emotion(2, XSS), XSS)], touchpoints=[TouchpointUse("tp", XSS_MD)],
        pain_points=[XSS], opportunities=[XSS], moments_of_truth=[XSS], kpis=[Kpi(XSS, XSS)], evidence=["src"],
        persona_notes={"p": XSS_MD},
    )
    journey = Journey("j", "journeys/j.yml", XSS, ["p"], [entry, PhaseEntry("purchase", emotion=Emotion(4))],
                      summary=XSS_MD, goal=XSS, trigger=XSS)
    return Playbook(
        title=XSS, language="en",
        phases=[Phase("awareness", XSS, XSS_MD, XSS), Phase("purchase", XSS)],
        categories=[Category("seo", XSS, XSS_MD)], channels=[Channel("web", XSS, "online", XSS)],
        sources=[Source("src", XSS, XSS, XSS, "javascript:alert(1)", 2020)],
        personas={"p": persona}, touchpoints={"tp": tp}, journeys={"j": journey},
    )
