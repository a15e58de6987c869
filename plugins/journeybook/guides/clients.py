"""The client guides of a project: their ids, and what ``journeybook clients`` lists about each."""

from __future__ import annotations

from dataclasses import dataclass

from ..read.files import read_document
from ..read.project import Project


@dataclass(frozen=True)
class ClientInfo:
    """One client guide as a CI job matrix needs it (name and language as written, when readable)."""

    id: str
    name: str | None
    language: str


def client_ids(project: Project) -> list[str]:
    """Every folder of the clients dir that holds a ``client.yml``, sorted."""
    folder = project.path(project.clients_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "client.yml").is_file())


def client_infos(project: Project) -> list[ClientInfo]:
    """Id, name and language of each client; a client.yml that cannot be read still lists its id.

    The language is the client's own, else the base site's (the language its guide is built in).
    """
    infos = []
    for cid in client_ids(project):
        doc, _ = read_document(project.path(project.clients_dir) / cid / "client.yml", project.root)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        name = data.get("name")
        language = data.get("language")
        infos.append(ClientInfo(cid, str(name) if isinstance(name, str) else None,
                                str(language) if isinstance(language, str) else project.language))
    return infos
