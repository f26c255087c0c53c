// The Kùzu side of `bench compare`: one JSON request per stdin line, one JSON answer per stdout line.
//   {"id":1,"load":"DIR"}                        loads DIR/nodes.csv and DIR/rel-TYPE.csv into a new database DIR/kuzu-db
//   {"id":1,"open":"DIR"}                        opens the database an earlier load left in DIR/kuzu-db
//   {"id":2,"cypher":"MATCH ...","params":{...}}  runs a prepared statement; answers rows and in-process ms
import kuzu from "kuzu";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

let db;
let conn;
const prepared = new Map();

async function load(dir) {
  const started = performance.now();
  const dbPath = path.join(dir, "kuzu-db");
  fs.rmSync(dbPath, { recursive: true, force: true });
  db = new kuzu.Database(dbPath);
  conn = new kuzu.Connection(db);
  await conn.query("CREATE NODE TABLE Entity(key STRING PRIMARY KEY, kind STRING, name STRING, ko INT64)");
  await conn.query(`COPY Entity FROM '${path.join(dir, "nodes.csv")}' (HEADER=true)`);
  for (const file of fs.readdirSync(dir).filter((name) => name.startsWith("rel-") && name.endsWith(".csv"))) {
    const type = file.slice(4, -4);
    await conn.query(`CREATE REL TABLE ${type}(FROM Entity TO Entity)`);
    await conn.query(`COPY ${type} FROM '${path.join(dir, file)}' (HEADER=true)`);
  }
  return { ms: performance.now() - started };
}

async function open(dir) {
  const started = performance.now();
  db = new kuzu.Database(path.join(dir, "kuzu-db"));
  conn = new kuzu.Connection(db);
  await conn.query("MATCH (e:Entity) RETURN count(*)");
  return { ms: performance.now() - started };
}

async function run(cypher, params) {
  let statement = prepared.get(cypher);
  if (!statement) {
    statement = await conn.prepare(cypher);
    if (!statement.isSuccess()) throw new Error(statement.getErrorMessage());
    prepared.set(cypher, statement);
  }
  const started = performance.now();
  const result = await conn.execute(statement, params ?? {});
  const rows = await result.getAll();
  const ms = performance.now() - started;
  result.close();
  return { ms, rows };
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  let answer;
  try {
    answer = request.load ? await load(request.load) : request.open ? await open(request.open) : await run(request.cypher, request.params);
  } catch (error) {
    answer = { error: String(error?.message ?? error) };
  }
  process.stdout.write(JSON.stringify({ id: request.id, ...answer }, (_, value) => (typeof value === "bigint" ? Number(value) : value)) + "\n");
}
