"""Dublin III and AMMR deadlines from a procedure's events (plain Python on akte.rules)."""
