"""The review checks: one small unit per clause of Art. 30-45, gathered in a registry instance."""
