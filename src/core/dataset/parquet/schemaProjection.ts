// A copy of a file's metadata without some leaf columns, so hyparquet reads a struct without its bytes child
// (`image.path` but not `image.bytes`): its `columns` option selects top-level columns only.
import type { FileMetaData, SchemaElement } from 'hyparquet';

/** `md` without the leaves `drop` picks (by path in the schema); groups left empty go too. */
export function withoutLeaves(md: FileMetaData, drop: (path: string[]) => boolean): FileMetaData {
  const schema: SchemaElement[] = [];
  let i = 0;
  const walk = (parent: string[], root: boolean): boolean => {
    const el = md.schema[i++];
    const path = root ? [] : [...parent, el.name];
    const n = el.num_children ?? 0;
    if (n === 0) {
      if (drop(path)) return false;
      schema.push(el);
      return true;
    }
    const at = schema.length;
    schema.push(el);
    let kept = 0;
    for (let c = 0; c < n; c++) if (walk(path, false)) kept++;
    if (kept === 0 && !root) {
      schema.length = at;
      return false;
    }
    schema[at] = { ...el, num_children: kept };
    return true;
  };
  walk([], true);
  return {
    ...md,
    schema,
    row_groups: md.row_groups.map((rg) => ({
      ...rg,
      columns: rg.columns.filter((c) => !c.meta_data || !drop(c.meta_data.path_in_schema)),
    })),
  };
}
