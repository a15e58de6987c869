"""What a future journey changes against today (render/changes.py): literal expectations,
on small hand-made journeys and on the sample's checkout without surprise shipping costs."""

from __future__ import annotations

import pytest

from conftest import REPO
from journeybook.model import Emotion, Journey, PhaseEntry, Step, TouchpointUse
from journeybook.read.project import Project
from journeybook.render.changes import PhaseChange, compare, phase_score
from journeybook.resolve import load

ORDER = ["awareness", "consideration", "purchase", "service", "loyalty"]


def journey(jid: str, *phases: PhaseEntry) -> Journey:
    return Journey(jid, f"journeys/{jid}.yml", jid, ["ann"], list(phases))


def test_a_phase_scores_its_own_emotion_else_the_mean_of_its_steps() -> None:
    steps = [Step("a", "A", emotion=Emotion(4)), Step("b", "B", emotion=Emotion(1)), Step("c", "C"),
             Step("d", "D", emotion=Emotion(3))]
    assert phase_score(PhaseEntry("purchase", steps=steps)) == 2.7
    assert phase_score(PhaseEntry("purchase", emotion=Emotion(5), steps=steps)) == 5.0
    assert phase_score(PhaseEntry("purchase")) is None
    assert phase_score(None) is None


def test_per_phase_emotion_pain_points_and_touchpoints() -> None:
    today = journey(
        "now",
        PhaseEntry("awareness", emotion=Emotion(2), touchpoints=[TouchpointUse("seo")]),
        PhaseEntry("purchase", emotion=Emotion(2), pain_points=["Surprise costs", "Slow page", "Surprise costs"],
                   touchpoints=[TouchpointUse("checkout"), TouchpointUse("chat")],
                   steps=[Step("pay", "Pay", touchpoints=["checkout", "phone"])]),
        PhaseEntry("loyalty", emotion=Emotion(4)),
    )
    future = journey(
        "later",
        PhaseEntry("awareness", emotion=Emotion(2), touchpoints=[TouchpointUse("seo")]),
        PhaseEntry("consideration", emotion=Emotion(4)),
        PhaseEntry("purchase", emotion=Emotion(4), pain_points=["Slow page"],
                   touchpoints=[TouchpointUse("checkout"), TouchpointUse("product-page")]),
    )
    assert compare(today, future, ORDER) == [
        PhaseChange("awareness", 2.0, 2.0),
        PhaseChange("consideration", None, 4.0, in_today=False),
        PhaseChange("purchase", 2.0, 4.0, pains_gone=("Surprise costs",), added=("product-page",),
                    dropped=("chat", "phone")),
        PhaseChange("loyalty", 4.0, None, in_future=False),
    ]
    changes = {c.phase: c for c in compare(today, future, ORDER)}
    assert changes["purchase"].delta == 2.0
    assert changes["awareness"].delta == 0.0 and not changes["awareness"].changes_anything
    assert changes["consideration"].delta is None and changes["consideration"].changes_anything
    assert changes["loyalty"].changes_anything


def test_a_fall_is_negative() -> None:
    today = journey("now", PhaseEntry("service", emotion=Emotion(4)))
    future = journey("later", PhaseEntry("service", steps=[Step("a", "A", emotion=Emotion(2)),
                                                           Step("b", "B", emotion=Emotion(3))]))
    assert compare(today, future, ORDER)[0].delta == -1.5


@pytest.fixture(scope="module")
def sample():
    result = load(Project(root=REPO, site_name="x"))
    assert result.ok, [str(p) for p in result.problems]
    return result.playbook


def test_the_sample_checkout_without_surprise_costs(sample) -> None:
    current, future = sample.journeys["online-purchase"], sample.journeys["online-purchase-no-surprises"]
    assert (future.state, future.improves, current.state, current.improves) == (
        "future", "online-purchase", "current", None)
    changes = {c.phase: c for c in compare(current, future, ORDER)}
    assert changes["purchase"] == PhaseChange(
        "purchase", 3.0, 4.0,
        pains_gone=("Shipping costs that appear only at the payment step",
                    "A delivery time that turns out to be too long at the checkout"),
        added=(), dropped=("live-chat",))
    assert changes["consideration"] == PhaseChange(
        "consideration", 3.0, 4.0,
        pains_gone=("Delivery time that is not visible until the checkout",
                    "The same ad following the customer everywhere"),
        added=("delivery",), dropped=("retargeting", "blog-and-guides"))
    assert changes["service"].delta == 0.0
