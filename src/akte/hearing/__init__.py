"""Interview assistant domain: hearing session, checklist, suggestions, transcript (plain Python)."""
