"""The 时间线 tab: the timeline table, anomalies, the density strip and their workers."""
