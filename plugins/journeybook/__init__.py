"""journeybook: customer-journey playbooks from YAML.

The core (load, validate, resolve, render) is importable without MkDocs;
:mod:`journeybook.engines.mkdocs` is the thin MkDocs adapter.
"""

__version__ = "0.1.0"
