import { describe, expect, it } from 'vitest';
import { pageContentSecurityPolicy, webPage } from './webPage.js';

describe('webPage', () => {
  const html = webPage({
    nonce: 'abc+/=',
    dashboard: '<div id="dashboard" data-seq="3"></div>',
    pollMillis: 1000,
  });

  it('is one document with its style and script inline, both carrying the nonce', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style nonce="abc+/=">');
    expect(html).toContain('<script nonce="abc+/=">');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<main id="main"><div id="dashboard" data-seq="3"></div></main>');
    expect(html).toContain('data-poll-millis="1000"');
  });

  it('loads nothing from elsewhere: no external source, link or absolute URL', () => {
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('allows only its own origin, and inline code only with the nonce', () => {
    const csp = pageContentSecurityPolicy('abc');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'nonce-abc'");
    expect(csp).toContain("style-src 'nonce-abc'");
    expect(csp).not.toContain('unsafe');
  });
});
