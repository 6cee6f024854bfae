"""Rendering of the public portal's generated pages (our own step before `mkdocs build`).

- `environment`: the one Jinja2 environment (autoescape on) and its filters;
- `escaping`: Markdown/HTML escaping of sheet text, https-only URLs, safe titles;
- `formatting`: Indonesian/English numbers and dates (babel); `messages`: every string, id/en;
- `model`: the marts grouped per office; `pages`: pages + charts per language;
- `charts`: static SVG charts drawn at build time; `freshness`: cadences and `freshness.json`;
- `history`: what changed since the last build; `site_check`: links and foreign hosts.

The entry point is `site_builder.publish.publish_site`."""
