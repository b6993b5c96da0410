"""Integrity: the 校验 tab and its table, hash on demand, an original against its backup."""
