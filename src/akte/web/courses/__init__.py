"""Language courses (BerD) for the office and the course providers."""
