"""The copy desk: `termcheck serve`, a page for copy editors and an HTTP API for a CMS.

`desk` holds what every request shares (the glossary compiled once, the style profiles)
and does the work without any web framework; `app` is the ASGI application around it;
`openapi` describes the API; `page` renders the page from the package's templates and
static files. The web framework is imported only by `app`, so `termcheck check` never
loads it.
"""
