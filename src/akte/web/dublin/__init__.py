"""The Dublin unit's work: timelines, deadlines, worklist, alerts."""
