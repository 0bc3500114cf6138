"""GOV.UK Design System markup for Django forms: the form renderer, its bound field and
field templates, the date input and the error helpers. Used by every app's forms; it
imports Django alone, never the project's own apps.
"""
