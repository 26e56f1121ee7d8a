"""The Content-Security-Policy middleware: settings.CONTENT_SECURITY_POLICY everywhere, with
one allowance for Wagtail's admin.

Wagtail 8's page and snippet editors still start their inline panels and choosers with
inline <script> elements written by its templates and widgets (wagtail/wagtail#12940 tracks
moving them to files), so under /admin/ only, scripts may also be inline. Readers' pages,
the API and everything hostile input can reach keep `script-src 'self'`.
"""

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_ALLOWANCE = {"script-src": ["'unsafe-inline'"]}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_ALLOWANCE, **(parts.update or {})}
        return parts
