"""The timeline: time records, their table and order tables, anomalies and freeze alerts."""
