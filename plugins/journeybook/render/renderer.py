"""One page plan to one page: its template rendered with the globals every page shares."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..model import Journey, Persona, Playbook
from ..translation import i18n
from .avatar import Initials, persona_initials
from .env import Ids, environment, extract_toc, tidy
from .kpis import Measured
from .plans import PagePlan, Planner
from .search import search_html
from .site import Site
from .sparkline import SparkPhase, sparkline
from .spec import PageSpec, RenderOptions
from .svg import Curve, CurveLabels, emotion_curve, fmt
from .urls import Urls, relative_url


class Renderer:
    """The lookups, URLs, labels and templates of one render of one playbook."""

    def __init__(self, playbook: Playbook, options: RenderOptions, env: Environment | None = None) -> None:
        self.playbook = playbook
        self.options = options
        self.site = Site(playbook)
        self.urls = Urls(options.use_directory_urls)
        self.labels = i18n.labels(options.language)
        self.env = env if env is not None else environment(tuple(options.template_dirs))
        self.measured = Measured(playbook, self.site, self.urls, self.labels, options.today)

    def plans(self) -> list[PagePlan]:
        return Planner(self.playbook, self.site, self.urls, self.labels, self.options.edit_base,
                       self.options.today).plans()

    def render(self, plan: PagePlan) -> PageSpec:
        ids = Ids([*plan.reserved, *(f"jb-src-{s.id}" for s in plan.cites)])
        context = {**self._globals(plan, ids), **plan.context}
        body = tidy(self.env.get_template(plan.template).render(context))
        own_checklist = plan.section == "touchpoints" and plan.src_uri != self.urls.touchpoints_src()
        return PageSpec(plan.src_uri, plan.url, plan.title, body, extract_toc(body), plan.source_path, plan.section,
                        search_html(body, checklist_items=own_checklist))

    def _globals(self, plan: PagePlan, ids: Ids) -> dict[str, Any]:
        def rel(to_url: str) -> str:
            return relative_url(plan.url, to_url)

        numbers = {s.id: n for n, s in enumerate(plan.cites, start=1)}

        return {
            "L": self.labels,
            "fmt": _formatter(self.labels),
            "ids": ids,
            "rel": rel,
            "urls": self.urls,
            "site": self.site,
            "playbook": self.playbook,
            "scope": self.options.scope,
            "page_title": plan.title,
            "cites": plan.cites,
            "cite_numbers": numbers,
            "cited": lambda evidence: sorted((sid for sid in evidence if sid in numbers), key=numbers.__getitem__),
            "curve": self._curve_function(ids),
            "initials": self._initials,
            "sparkline": self._sparkline,
            "score_text": fmt,
            "measured": self.measured,
        }

    def _initials(self, persona: Persona) -> Initials:
        return persona_initials(persona.id, persona.name, list(self.playbook.personas))

    def _sparkline(self, journey: Journey) -> Markup:
        """The journey's line (not a persona's): the points of its map, one band per phase."""
        line = self.site.curve_line(journey, journey.title)
        phases = [SparkPhase(ph.name, tuple(p.score for p in ph.points)) for ph in line.phases]
        title = self.labels["emotion_curve_title"].format(journey=journey.title)
        return sparkline(phases, title, {n: self.labels[f"emotion_{n}"] for n in range(1, 6)})

    def _curve_function(self, ids: Ids) -> Callable[..., Curve | None]:
        def curve(journey: Journey, persona: Persona | None = None) -> Curve | None:
            if persona is None:
                title = self.labels["emotion_curve_title"].format(journey=journey.title)
                base = f"jb-curve-{journey.id}"
                lines = self.site.curve_lines(journey, self.labels["all_customers"])
            else:
                title = self.labels["emotion_curve_persona"].format(journey=journey.title, persona=persona.name)
                base = f"jb-curve-{journey.id}-{persona.id}"
                lines = [self.site.curve_line(journey, persona.name, persona.id)]
            # a future journey: today's line beside its own (on a persona's page, that persona's today)
            current = self.playbook.journeys.get(journey.improves or "")
            today = self.site.today_line(journey, self.labels["curve_today"].format(journey=current.title),
                                         persona.id if persona else None) if current is not None else None
            if today is not None:
                lines[0] = dataclasses.replace(lines[0], label=self.labels["curve_planned"])
                lines.append(today)
            labels = CurveLabels(
                title=title,
                score_words={n: self.labels[f"emotion_{n}"] for n in range(1, 6)},
                out_of=self.labels["score_of"],
                moment_of_truth=self.labels["moment_of_truth"],
                no_emotion=self.labels["no_emotion"],
                phase_score=self.labels["phase_score"],
            )
            return emotion_curve(lines, svg_id=ids.unique(base), labels=labels)

        return curve


def _formatter(labels: Mapping[str, str]) -> Callable[..., str]:
    """``fmt("phase_of", n=2, total=5)``: a label with placeholders filled (escaped later)."""

    def fmt(key: str, **values: Any) -> str:
        return labels[key].format(**values)

    return fmt
