"""A client's guide: its client.yml, its overlay, its brand variables, and only what it uses."""
