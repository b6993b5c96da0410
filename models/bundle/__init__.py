"""A bundle on disk: its manifest and rules, safe paths and reads, sources, birth times, the writer."""
