"""One module per article (Art. 30-45): the checks, and the helpers they share in common.py."""
