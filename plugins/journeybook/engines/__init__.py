"""Engines: the adapters that hand journeybook's pages to a site generator (MkDocs, Zensical).

An engine never imports another; what both need sits in :mod:`journeybook.engines.common`.
"""
