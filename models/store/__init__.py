"""The review store: connection, schema and repairs, locks, decisions, the audit trail, page queries."""
