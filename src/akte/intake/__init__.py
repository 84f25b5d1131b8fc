"""Mail intake: read, classify, match and route letters from courts and authorities (plain Python)."""
