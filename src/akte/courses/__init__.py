"""Job-related language courses (BerD, DeuFöV): entitlement, billing, capacity (plain Python on akte.rules)."""
