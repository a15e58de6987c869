"""The engines journeybook builds with besides its MkDocs plugin (``journeybook.plugin``)."""
