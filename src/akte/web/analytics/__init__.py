"""Analytics in the web: the pseudonymised snapshot of the live database (`akte analytics
snapshot`) and the dashboard over the newest snapshot. The figures are akte.analytics's."""
