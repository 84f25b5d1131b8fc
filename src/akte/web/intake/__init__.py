"""Mail intake in the web: upload, API, review queue, team queues."""
