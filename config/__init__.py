"""Django project configuration for Liaison."""
