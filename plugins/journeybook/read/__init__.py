"""Reading: files and YAML with positions, the project and its config."""
