"""The headless subcommands' handlers (main.COMMANDS) and what they share."""
