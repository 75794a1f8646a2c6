"""Admin hooks of the translation tools (dashboard, PO files); imported by editorial.wagtail_hooks."""
