"""What keeps the review store honest beyond its own file: the per-user audit head, the audited case settings, a
damaged store kept aside."""
