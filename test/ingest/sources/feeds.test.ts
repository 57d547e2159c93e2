import { describe, expect, it } from 'vitest';
import { FeedError, feedItemDocument, feedItemId, parseFeed } from '../../../src/ingest/sources/feeds.js';
import { fragmentText, inlineText } from '../../../src/ingest/sources/html-fragment.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Test Wire &amp; Co</title>
    <link>https://wire.example/</link>
    <atom:link href="https://wire.example/rss.xml" rel="self" type="application/rss+xml"/>
    <language>ar</language>
    <item>
      <title><![CDATA[غارات على <b>ريف إدلب</b> الجنوبي]]></title>
      <link>https://wire.example/2025/06/10/strike</link>
      <guid isPermaLink="false">wire-123</guid>
      <pubDate>Tue, 10 Jun 2025 23:30:00 +0300</pubDate>
      <dc:creator>مراسل الوكالة</dc:creator>
      <description>&lt;p&gt;ملخص قصير&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>استهدفت غارات جوية بلدة كفرنبل&nbsp;صباح اليوم.</p><p>وأفاد مراسلنا بسقوط ضحايا.</p><script>track()</script>]]></content:encoded>
    </item>
    <item>
      <title>Shelling near Saraqib</title>
      <link>/2025/06/11/shelling</link>
      <pubDate>Wed, 11 Jun 2025 08:00:00 GMT</pubDate>
      <author>desk@wire.example (News Desk)</author>
      <description>Artillery shelled the outskirts of Saraqib.</description>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Example Monitor</title>
  <link rel="self" href="https://monitor.example/atom.xml"/>
  <link rel="alternate" href="https://monitor.example/"/>
  <updated>2025-06-12T10:00:00Z</updated>
  <id>urn:uuid:feed</id>
  <entry>
    <title type="html">Drone strike &lt;em&gt;reported&lt;/em&gt; in Daraa</title>
    <link rel="alternate" type="text/html" href="https://monitor.example/posts/42"/>
    <link rel="edit" href="https://monitor.example/api/42"/>
    <id>tag:monitor.example,2025:42</id>
    <published>2025-06-12T01:15:00+03:00</published>
    <updated>2025-06-13T09:00:00Z</updated>
    <author><name>Jane Roe</name><email>jane@monitor.example</email></author>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;A drone struck a car east of Daraa.&lt;/p&gt;&lt;p&gt;Two people were killed.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second</title>
    <id>tag:monitor.example,2025:43</id>
    <updated>2025-06-14T00:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline xhtml body.</p></div></content>
  </entry>
</feed>`;

describe('parseFeed: RSS 2.0', () => {
  const feed = parseFeed(RSS, 'https://wire.example/rss.xml', 'https://wire.example/rss.xml');

  it('reads the channel', () => {
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Test Wire & Co');
    expect(feed.language).toBe('ar');
    expect(feed.items).toHaveLength(2);
  });

  it('turns an item into a RawDocument: content:encoded, CDATA, guid, dc:creator, pubDate', () => {
    const doc = feedItemDocument(feed.items[0]!, feed, { label: 'https://wire.example/rss.xml', sourceName: 'wire' })!;
    expect(doc.inputId).toBe('wire-123');
    expect(doc.url).toBe('https://wire.example/2025/06/10/strike');
    expect(doc.title).toBe('غارات على ريف إدلب الجنوبي');
    expect(doc.byline).toBe('مراسل الوكالة');
    // The publisher's own day, not UTC (23:30 +03:00 is 20:30 UTC the same day; 10 June either way).
    expect(doc.published).toBe('2025-06-10');
    expect(doc.text).toBe('استهدفت غارات جوية بلدة كفرنبل صباح اليوم.\n\nوأفاد مراسلنا بسقوط ضحايا.');
    expect(doc.text).not.toMatch(/track/);
    expect(doc.source).toBe('Test Wire & Co');
    expect(doc.language).toBe('ar');
    expect(doc.fromHtml).toBe(true);
  });

  it('falls back to the link as id, resolves relative links, reads "email (Name)" authors', () => {
    const item = feed.items[1]!;
    expect(item.link).toBe('https://wire.example/2025/06/11/shelling');
    const doc = feedItemDocument(item, feed, { label: 'x', language: 'en' })!;
    expect(doc.inputId).toBe('https://wire.example/2025/06/11/shelling');
    expect(doc.byline).toBe('News Desk');
    expect(doc.published).toBe('2025-06-11');
    expect(doc.text).toBe('Artillery shelled the outskirts of Saraqib.');
    expect(doc.language).toBe('en'); // the source's configured language wins
    expect(doc.fromHtml).toBe(false);
  });
});

describe('parseFeed: Atom', () => {
  const feed = parseFeed(ATOM, 'https://monitor.example/atom.xml');

  it('reads entries: alternate link, author name, published over updated, html content', () => {
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Example Monitor');
    expect(feed.language).toBe('en');
    const e = feed.items[0]!;
    expect(e.id).toBe('tag:monitor.example,2025:42');
    expect(e.link).toBe('https://monitor.example/posts/42');
    expect(e.title).toBe('Drone strike reported in Daraa');
    expect(e.published).toBe('2025-06-12');
    expect(e.byline).toBe('Jane Roe');
    const doc = feedItemDocument(e, feed, { label: 'atom' })!;
    expect(doc.text).toBe('A drone struck a car east of Daraa.\n\nTwo people were killed.');
  });

  it('reads xhtml content and an entry without a link', () => {
    const e = feed.items[1]!;
    expect(e.link).toBeNull();
    expect(e.published).toBe('2025-06-14');
    const doc = feedItemDocument(e, feed, { label: 'atom' })!;
    expect(doc.inputId).toBe('tag:monitor.example,2025:43');
    expect(doc.text).toBe('Inline xhtml body.');
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items that sit beside the channel', () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Feed</title><link>https://old.example/</link></channel>
  <item rdf:about="https://old.example/a"><title>A</title><link>https://old.example/a</link><dc:date>2024-12-01T10:00:00Z</dc:date><description>Text A</description></item>
</rdf:RDF>`;
    const feed = parseFeed(rdf, 'rdf');
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('Old Feed');
    expect(feed.items[0]!.published).toBe('2024-12-01');
    expect(feed.items[0]!.link).toBe('https://old.example/a');
  });
});

describe('parseFeed: hostile and broken input', () => {
  it('refuses entity declarations (billion laughs)', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title></channel></rss>`;
    expect(() => parseFeed(bomb, 'https://evil.example/feed')).toThrow(FeedError);
    expect(() => parseFeed(bomb, 'https://evil.example/feed')).toThrow(
      /^https:\/\/evil\.example\/feed: refused: the XML declares entities \(<!ENTITY>\)/,
    );
  });

  it('refuses external entities (XXE)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>`;
    expect(() => parseFeed(xxe, 'f')).toThrow(/declares entities/);
  });

  it('accepts an old RSS 0.91 DOCTYPE without entities', () => {
    const old = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title><item><title>T</title><link>https://o.example/1</link><description>D</description></item></channel></rss>`;
    expect(parseFeed(old, 'old').items).toHaveLength(1);
  });

  it('names the line and column of malformed XML', () => {
    const bad = `<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>Broken</titel>\n</channel>\n</rss>`;
    expect(() => parseFeed(bad, 'https://x.example/feed')).toThrow(/^https:\/\/x\.example\/feed: malformed XML at line 4, column \d+: .*title/);
  });

  it('says when the document is not a feed', () => {
    expect(() => parseFeed('<html><body><p>hi</p></body></html>', 'page')).toThrow(/page: not an RSS or Atom feed \(root element <html>\)/);
  });

  it('treats markup in plain-looking fields carefully', () => {
    expect(inlineText('AT&amp;T &lt;b&gt;')).toBe('AT&T <b>');
    expect(fragmentText('a < b and c > d')).toBe('a < b and c > d');
    expect(fragmentText('<p>one</p><p>two&nbsp;three</p>')).toBe('one\n\ntwo three');
  });
});

describe('parseFeed: a large feed', () => {
  it('reads 5,000 items with unique ids', { timeout: 30_000 }, () => {
    const items: string[] = [];
    for (let i = 0; i < 5000; i++) {
      items.push(
        `<item><title>Item ${i}</title><link>https://big.example/${i}</link><guid>big-${i}</guid>` +
          `<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate><description><![CDATA[<p>Body of item ${i} with <a href="/x">a link</a>.</p>]]></description></item>`,
      );
    }
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('\n')}</channel></rss>`;
    const feed = parseFeed(xml, 'big');
    const docs = feed.items.map((it) => feedItemDocument(it, feed, { label: 'big' }));
    expect(docs).toHaveLength(5000);
    expect(new Set(docs.map((d) => d!.inputId)).size).toBe(5000);
    expect(docs[4999]!.text).toBe('Body of item 4999 with a link.');
  });
});

describe('feedItemId', () => {
  it('is stable for an item with neither guid nor link', () => {
    const item = { id: null, link: null, title: 'T', published: null, byline: null, content: null, summary: 'S' };
    expect(feedItemId(item, 'https://f.example/rss')).toBe(feedItemId({ ...item }, 'https://f.example/rss'));
    expect(feedItemId(item, 'https://f.example/rss')).toMatch(/^https:\/\/f\.example\/rss#[0-9a-f]{8}$/);
  });
});
