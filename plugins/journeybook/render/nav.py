"""The navigation of the generated pages as plain data (no MkDocs).

The plugin adapter turns this into MkDocs ``Section``/``Page`` objects; the
``src_uri`` values match :class:`journeybook.render.PageSpec.src_uri`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..editors.review import has_review_page
from ..model import Playbook
from ..translation import i18n
from .site import Site
from .spec import RenderOptions
from .urls import Urls


@dataclass(frozen=True)
class NavLink:
    title: str
    src_uri: str


@dataclass
class NavSection:
    title: str
    index: str | None  # src_uri of the section's index page, if it has one
    children: list[NavLink | NavSection] = field(default_factory=list)

    @property
    def src_uri_of_index(self) -> str | None:
        return self.index


def build_nav(playbook: Playbook, options: RenderOptions) -> list[NavSection]:
    """Journeys, Personas, Touchpoints, Sources: titles localised, order deterministic."""
    names = i18n.section_names(options.language)
    site = Site(playbook)
    return [
        NavSection(names["journeys"], Urls.journeys_src(), _journeys(playbook, site)),
        NavSection(names["personas"], Urls.personas_src(),
                   [*([NavLink(i18n.labels(options.language)["matrix"], Urls.matrix_src())] if playbook.personas
                      else []),
                    *(NavLink(p.name, Urls.persona_src(p.id)) for p in playbook.personas.values())]),
        NavSection(names["touchpoints"], Urls.touchpoints_src(), _touchpoints(site)),
        NavSection(names["sources"], Urls.sources_src(), []),
        *([NavSection(i18n.labels(options.language)["review"], Urls.review_src(), [])]
          if has_review_page(playbook) else []),
        *([NavSection(i18n.labels(options.language)["kpis_page"], Urls.kpis_src(), [])] if playbook.metrics else []),
    ]


def _journeys(playbook: Playbook, site: Site) -> list[NavLink | NavSection]:
    """One section per journey: its map is the index, its phases the children."""
    return [
        NavSection(
            journey.title,
            Urls.journey_src(journey.id),
            [NavLink(site.phase_name(e.phase), Urls.phase_src(journey.id, e.phase)) for e in journey.phases],
        )
        for journey in playbook.journeys.values()
    ]


def _touchpoints(site: Site) -> list[NavLink | NavSection]:
    """Touchpoints grouped by category (categories without touchpoints left out);
    a category with one touchpoint is no level of its own: its touchpoint stands in its place."""
    items: list[NavLink | NavSection] = []
    for category, tps in site.touchpoints_by_category():
        links = [NavLink(tp.name, Urls.touchpoint_src(tp.id)) for tp in tps]
        items.append(links[0] if len(links) == 1 else NavSection(category.name, None, list(links)))
    return items
