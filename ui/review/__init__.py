"""The 审查 tab: items overview, clause panes, relevance, the outcome, the audit-chain banner."""
