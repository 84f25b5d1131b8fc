"""Administration for administrators: users, offices, API tokens, rulebooks."""
