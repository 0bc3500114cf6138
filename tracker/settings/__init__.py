"""Settings per environment: base (shared, from the environment), local, production and
test. Imports Django and django-environ only."""
