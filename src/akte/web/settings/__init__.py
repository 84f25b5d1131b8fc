"""Django settings: `base` holds everything; `dev`, `test` and `production` change little."""
