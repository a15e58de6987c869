"""Engines: the adapters that hand journeybook's pages to a site generator."""
