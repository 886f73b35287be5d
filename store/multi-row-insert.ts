// An INSERT of several rows per statement: the per-statement work (the call from JavaScript, reset, the result
// object) is paid once per group instead of once per row. Statements are prepared on first use for each group
// size, so a batch's shorter tail has one of its own.
import type Database from 'better-sqlite3';
import { sql, sqlIdentifiers, sqlValueRows } from './sql-text.ts';

export class MultiRowInsert {
  /** Values bound per row. */
  readonly columns: number;
  private readonly db: Database.Database;
  private readonly table: string;
  private readonly columnNames: readonly string[];
  private readonly statements: Database.Statement<unknown[]>[] = [];

  constructor(db: Database.Database, table: string, columnNames: readonly string[]) {
    this.db = db;
    this.table = table;
    this.columnNames = columnNames;
    this.columns = columnNames.length;
  }

  /** Inserts the first `rows` rows of `values` (row after row, `columns` values each). */
  run(values: readonly unknown[], rows: number): void {
    let statement = this.statements[rows - 1];
    if (statement === undefined) {
      statement = this.db.prepare(sql`INSERT INTO ${sqlIdentifiers([this.table])} (${sqlIdentifiers(this.columnNames)}) VALUES ${sqlValueRows(rows, this.columns)}`);
      this.statements[rows - 1] = statement;
    }
    statement.run(...(values.length === rows * this.columns ? values : values.slice(0, rows * this.columns)));
  }
}
