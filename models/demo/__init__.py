"""The built-in demonstration cases and the paperwork they carry."""
