import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
	it('keeps basic formatting, lists and links to web and mail addresses', () => {
		const html = renderMarkdown(
			'## Ziele\n\n**Radwege** und *Bus*\n\n- eins\n- zwei\n\n[Stadt](https://www.hennef.de) [Mail](mailto:a@hennef.de)'
		);
		expect(html).toContain('<h2>Ziele</h2>');
		expect(html).toContain('<strong>Radwege</strong>');
		expect(html).toContain('<em>Bus</em>');
		expect(html).toContain('<ul>');
		expect(html).toContain('<li>zwei</li>');
		expect(html).toContain('<a href="https://www.hennef.de" rel="noopener noreferrer">Stadt</a>');
		expect(html).toContain('href="mailto:a@hennef.de"');
	});

	it('removes script tags with their content and keeps the text around them', () => {
		const html = renderMarkdown('Vorher\n\n<script>alert("x")</script>\n\nNachher');
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toContain('alert');
		expect(html).toContain('Vorher');
		expect(html).toContain('Nachher');
	});

	it('removes event handler attributes and raw HTML, keeping its text', () => {
		const html = renderMarkdown(
			'<div onclick="steal()">Hallo <b onmouseover="x()">Welt</b></div>\n\nText <img src=x onerror="alert(1)"> weiter'
		);
		expect(html).not.toMatch(/onerror|onclick|onmouseover|<img|<div|<b>/i);
		expect(html).toContain('Hallo');
		expect(html).toContain('Welt');
		expect(html).toContain('weiter');
	});

	it('drops javascript:, data: and vbscript: links but keeps their text', () => {
		const html = renderMarkdown(
			'[Klick](javascript:alert(1)) [Daten](data:text/html;base64,PHNjcmlwdD4=) [VB](vbscript:msgbox)'
		);
		expect(html).not.toMatch(/javascript:|data:|vbscript:/i);
		expect(html).toContain('Klick');
		expect(html).toContain('Daten');
	});

	it('removes style, iframe and images (alt text stays as text)', () => {
		const html = renderMarkdown(
			'<style>body{display:none}</style>\n\n<iframe src="https://evil.example"></iframe>\n\n![Plan des Marktplatzes](https://evil.example/p.png)'
		);
		expect(html).not.toMatch(/<style|<iframe|<img|display:none|evil\.example/i);
		expect(html).toContain('Plan des Marktplatzes');
	});

	it('moves headings into h2–h4, and into h4 for nested text', () => {
		expect(renderMarkdown('# Eins\n\n##### Fünf')).toBe('<h2>Eins</h2>\n<h4>Fünf</h4>');
		expect(renderMarkdown('## Zwei', 'nested')).toBe('<h4>Zwei</h4>');
	});

	it('escapes text that only looks like markup', () => {
		expect(renderMarkdown('5 < 6 & 7 > 3')).toBe('<p>5 &lt; 6 &amp; 7 &gt; 3</p>');
	});
});
