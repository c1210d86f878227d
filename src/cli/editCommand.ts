// What `label` and `criteria` share: open the file, find the record by --line, --element or --row, plan the edit
// through the core, apply it and save atomically. Any refusal leaves the file untouched.
import { Dataset, type EditError, type RecordEdit } from '../core/dataset/dataset';
import { CliUsageError, positiveInt, progressLine } from './common';

export const LOCATE_OPTIONS = {
  line: { type: 'string' },
  element: { type: 'string' },
  row: { type: 'string' },
  set: { type: 'string' },
  format: { type: 'string' },
} as const;

export interface EditArgs {
  file: string;
  line?: string;
  element?: string;
  row?: string;
  format?: string;
}

/** Opens the dataset (progress on stderr) for a command's FILE argument. */
export async function openDataset(file: string, formatId?: string): Promise<Dataset> {
  const progress = progressLine(`indexing ${file}`);
  try {
    return await Dataset.open(file, { formatId, onProgress: (bytes, total) => progress.update(bytes, total, 'bytes') });
  } finally {
    progress.done();
  }
}

/** --line N, --element N or --row N, checked before the file is read (usage errors exit 2). */
export function position(args: EditArgs): { line?: number; element?: number; row?: number } {
  const line = positiveInt(args.line, '--line');
  const element = positiveInt(args.element, '--element');
  const row = positiveInt(args.row, '--row');
  if ([line, element, row].filter((v) => v !== undefined).length !== 1)
    throw new CliUsageError('give exactly one of --line N, --element N or --row N');
  return { line, element, row };
}

/** The record index for --line N (JSON Lines), --element N (JSON arrays) or --row N (Parquet), or an error message. */
export function locate(ds: Dataset, args: EditArgs): { index: number; where: string } | EditError {
  const { line, element, row } = position(args);
  if (ds.shape === 'parquet') {
    if (row === undefined)
      return { error: `${args.file} is Parquet: name the record with --row N (1-based), not --line or --element` };
    if (row > ds.recordCount) return { error: `no row ${row} in ${args.file}: it has ${ds.recordCount} rows` };
    return { index: row - 1, where: `row ${row}` };
  }
  if (row !== undefined)
    return {
      error: `${args.file} is not Parquet: name the record with --line N (JSON Lines) or --element N (JSON array), not --row`,
    };
  if (line !== undefined) {
    if (ds.shape === 'json-array')
      return { error: `${args.file} is a JSON array: name the record with --element N (1-based), not --line` };
    const index = ds.indexOfLine(line);
    if (index < 0)
      return {
        error: `no record starts on line ${line} of ${args.file} (it has ${ds.recordCount} records; blank lines hold none)`,
      };
    return { index, where: `line ${line}` };
  }
  if (ds.shape === 'jsonl')
    return { error: `${args.file} is JSON Lines: name the record with --line N (its 1-based line), not --element` };
  if (element! > ds.recordCount)
    return { error: `no element ${element} in ${args.file}: the array has ${ds.recordCount} elements` };
  return { index: element! - 1, where: `element ${element} (line ${ds.line(element! - 1)})` };
}

type Planned = { ds: Dataset; at: { index: number; where: string }; edit: RecordEdit } | { ds: Dataset; error: string };

async function openAndPlan(
  args: EditArgs,
  plan: (ds: Dataset, index: number) => Promise<RecordEdit | EditError>,
): Promise<Planned> {
  const ds = await openDataset(args.file, args.format);
  const at = locate(ds, args);
  if ('error' in at) return { ds, error: at.error };
  const edit = await plan(ds, at.index);
  return 'error' in edit ? { ds, error: edit.error } : { ds, at, edit };
}

/** Plans with `plan`, applies and saves; prints what changed. Returns the exit code. */
export async function editAndSave(
  args: EditArgs,
  plan: (ds: Dataset, index: number) => Promise<RecordEdit | EditError>,
  said: string,
): Promise<number> {
  position(args);
  let planned: Planned;
  // Another process may replace the file while this one reads it (its offsets move): then read it again.
  for (let attempt = 1; ; attempt++) {
    try {
      planned = await openAndPlan(args, plan);
    } catch (e) {
      // A read at an offset the other process's save moved throws ("…it changed on disk"): read the file again.
      const message = e instanceof Error ? e.message : String(e);
      if (!/changed on disk/.test(message)) throw e;
      if (attempt === 3) return fail(`the file changed while saving; nothing written (${message})`);
      continue;
    }
    if (!('error' in planned) || attempt === 3 || !(await planned.ds.changedOnDisk())) break;
  }
  if ('error' in planned) return fail(planned.error);
  const { ds, at, edit } = planned;
  if (edit.changes.length === 0) {
    process.stdout.write(`${args.file}: ${at.where} already ${said}; file unchanged\n`);
    return 0;
  }
  ds.apply(edit);
  // Another process may save the file meanwhile: its lock is waited for and this edit re-applied on top when
  // this record is unchanged there; otherwise nothing is written and the command fails.
  try {
    await ds.save({ reapply: 'always' });
  } catch (e) {
    // the save reads the file another process just replaced; the rename never happened, so the file is theirs
    const message = e instanceof Error ? e.message : String(e);
    if (!/changed on disk/.test(message)) throw e;
    return fail(`the file changed while saving; nothing written (${message})`);
  }
  process.stdout.write(`${args.file}: ${at.where} ${said}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`${message}\nthe file is unchanged\n`);
  return 1;
}
