// Runs the SQL blocks of docs/analytics.md's DuckDB section, in order, in
// the current directory, through @duckdb/node-api; prints each block's rows
// as one JSON array per line. usage: node analytics_sql.mjs ANALYTICS_MD
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const doc = readFileSync(process.argv[2], 'utf8');
const section = doc.split(/^## /m).find((s) => s.startsWith('DuckDB'));
if (!section) throw new Error('no DuckDB section');
const blocks = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
if (blocks.length < 4) throw new Error(`${blocks.length} SQL blocks`);
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
for (const sql of blocks) {
	const reader = await con.runAndReadAll(sql);
	console.log(JSON.stringify(reader.getRowObjectsJson()));
}
