"""Browser tests: a real headless Chromium against the built sample site.

A package, so that ``browser/conftest.py`` gets its own module name and does not
replace ``tests/conftest.py`` as the module ``conftest`` that the other test
files import (``from conftest import copy_sample``).
"""
