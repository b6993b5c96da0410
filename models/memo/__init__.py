"""The review memo: its data, sections and layout, PDF rendering, signing, verifying, identities."""
