"""What every engine needs, and no engine owns: atomic publishing, a guide's left-out links, our asset
names, a job and its outcome, edit links to the YAML, a client's brand in the site settings. Imports no engine
and no site generator."""
