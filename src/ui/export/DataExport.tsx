import { curvesToCsv, type Curve } from '../../core/curvesCsv';
import { downloadText, fileStem } from './download';

/** Anything a view can export: the CLI-style JSON with its curves (for the CSV). */
export interface ExportData {
  curves: Record<string, Curve>;
}

/**
 * "Download CSV / JSON" of everything a view shows. `getData` is called on click, so the export
 * holds the numbers on screen at that moment (simulation included).
 */
export function DataExport({
  name,
  getData,
  note,
}: {
  name: string;
  getData(): ExportData;
  /** What the export holds, when the buttons alone do not say it. */
  note?: string;
}) {
  const stem = fileStem(name);
  return (
    <div className="export-data" role="group" aria-label="Export the data">
      <span className="muted">Data:</span>
      <button
        type="button"
        data-testid="export-csv"
        onClick={() => downloadText(curvesToCsv(getData().curves), `${stem}.csv`, 'text/csv')}
      >
        CSV
      </button>
      <button
        type="button"
        data-testid="export-json"
        onClick={() =>
          downloadText(
            JSON.stringify(getData(), null, 1) + '\n',
            `${stem}.json`,
            'application/json',
          )
        }
      >
        JSON
      </button>
      {note && <span className="muted">{note}</span>}
    </div>
  );
}
