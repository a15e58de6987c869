"""For the playbook's editors: the YAML reference, new files from starters, the review list."""
