"""Helper processes: jobs, a job in a process, warm-up, watching the parent."""
