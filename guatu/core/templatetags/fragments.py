"""`{% cached fragment %}…{% endcached %}`: render a part of a page once per cache key.

`fragment` is a `guatu.core.cache.Fragment` from the view (or None: render as usual, nothing cached).
On a hit the stored HTML is returned and the figures are never computed; on a miss `fragment.fill()`
adds them to the context, the part is rendered and stored.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CachedNode(template.Node):
    def __init__(self, nodelist: template.NodeList, fragment: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.fragment = fragment

    def render(self, context: template.Context) -> str:
        fragment = self.fragment.resolve(context, ignore_failures=True)
        if fragment is None:
            return self.nodelist.render(context)
        html = fragment.get()
        if html is None:
            with context.push(fragment.fill()):
                html = self.nodelist.render(context)
            fragment.put(str(html))
        return mark_safe(html)


@register.tag
def cached(parser: template.base.Parser, token: template.base.Token) -> CachedNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("usage: {% cached fragment %}…{% endcached %}")
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedNode(nodelist, parser.compile_filter(bits[1]))
