"""The review memo: export and sign, preview, verify a memo, signing identities."""
