// PostgreSQL's own CPU for a bench run: the server's figure counts the app only, and on
// PostgreSQL part of every page is the database's work, in its backend processes on the same
// cores. The server under test connects with its own application_name (PGAPPNAME), so its
// backends are told apart from anyone else's on the cluster; their user + system time is read
// from /proc (the database runs on this machine).
import fs from "node:fs";
import pg from "pg";

/** Reads the CPU time of the backends serving one application_name. */
export class PostgresBackendCpu {
  private readonly client: pg.Client;

  constructor(
    url: string,
    readonly applicationName: string,
  ) {
    this.client = new pg.Client({ connectionString: url, application_name: "cinelog-bench-probe" });
  }

  async open(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /** CPU ms so far of each backend of the application, by process id. */
  async sample(): Promise<Map<number, number>> {
    const { rows } = await this.client.query<{ pid: number }>(
      "select pid from pg_stat_activity where application_name = $1",
      [this.applicationName],
    );
    const ms = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        ms.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
      } catch {
        // The backend ended between the two reads.
      }
    }
    return ms;
  }
}

/** CPU ms the backends used between two samples; a backend started meanwhile counts whole. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
