import Database from 'better-sqlite3';

/**
 * Everything a SQLite store holds, as plain sorted rows, to compare two stores whole: documents
 * (record, text, duplicate links), events, incidents (record, members in order, actors, keys),
 * fingerprints and band keys, and the search index (which documents and events every term finds).
 * Left out: row ids and the clock (stored_at, created_at, updated_at), which differ between runs
 * by design.
 */
export interface StoreDump {
  documents: unknown[];
  events: unknown[];
  incidents: unknown[];
  members: unknown[];
  actors: unknown[];
  incidentKeys: unknown[];
  fingerprints: unknown[];
  bands: unknown[];
  documentTerms: unknown[];
  eventTerms: unknown[];
}

export function dumpStore(path: string): StoreDump {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const all = (sql: string): unknown[] => db.prepare(sql).all();
    // Views of the contentless full-text indexes, in this connection's temp schema.
    db.exec(`CREATE VIRTUAL TABLE temp.documents_fts_v USING fts5vocab(main, documents_fts, instance);
      CREATE VIRTUAL TABLE temp.events_fts_v USING fts5vocab(main, events_fts, instance);`);
    return {
      documents: all('SELECT id, source, url, title, published, language, sort_date, record, text, duplicate_of, similarity FROM documents ORDER BY id'),
      events: all(`SELECT id, doc_id, event_type, sub_event_type, actor1_id, actor2_id, date_start, date_end, lat, lon, admin1,
        admin2, source, record FROM events ORDER BY id`),
      incidents: all(`SELECT id, event_type, sub_event_type, grade, date_start, date_end, lat, lon, admin1, admin2, record
        FROM incidents ORDER BY id`),
      members: all('SELECT incident_id, event_id, position FROM incident_members ORDER BY incident_id, position'),
      actors: all('SELECT incident_id, actor_id FROM incident_actors ORDER BY incident_id, actor_id'),
      incidentKeys: all('SELECT key, incident_id FROM incident_keys ORDER BY key, incident_id'),
      fingerprints: all('SELECT doc_id, fingerprint FROM document_fingerprints ORDER BY doc_id'),
      bands: all(`SELECT b.band, f.doc_id FROM document_bands b JOIN document_fingerprints f ON f.rid = b.fp_rid
        ORDER BY b.band, f.doc_id`),
      // Contentless FTS tables: compare what they answer, term by term, via the rows they point at.
      documentTerms: all(`SELECT DISTINCT v.term, d.id FROM documents_fts_v v JOIN documents d ON d.rid = v.doc ORDER BY v.term, d.id`),
      eventTerms: all(`SELECT DISTINCT v.term, e.id FROM events_fts_v v JOIN events e ON e.rid = v.doc ORDER BY v.term, e.id`),
    };
  } finally {
    db.close();
  }
}
