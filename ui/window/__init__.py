"""The main window and its frame: case header, tabs, opening a bundle, menus, settings, help, fit."""
