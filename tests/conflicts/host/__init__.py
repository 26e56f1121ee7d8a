"""A minimal Wagtail site that hosts the conflicts plugin for its tests: no other site's code."""
