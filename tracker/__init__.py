"""The Django project: settings per environment, URLs, middleware and WSGI/ASGI entry
points. Configuration only; it imports the apps' views for the URLconf and nothing else."""
