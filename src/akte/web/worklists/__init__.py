"""Worklists per role: what each user has to do next."""
