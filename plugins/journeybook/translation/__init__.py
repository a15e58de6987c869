"""Translation: translation files applied, untranslated texts found, PO exchange, UI labels."""
