"""journeybook: customer-journey playbooks from YAML.

One subpackage per stage of the pipeline: ``read``, ``check``, ``translation``, ``guides``,
``model``, ``editors``, ``render``; :mod:`journeybook.resolve` runs the stages up to the model and
:mod:`journeybook.session` owns what is cached between builds. All of it is importable without MkDocs;
:mod:`journeybook.engines.mkdocs` is the thin MkDocs adapter. ARCHITECTURE.md in the repository maps it.
"""

__version__ = "0.1.0"
