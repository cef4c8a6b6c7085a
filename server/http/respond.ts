import type { Response } from 'express';

/** Answers the Kombo success envelope `{status:"success", data}` with status 200 (the SDK accepts nothing else). */
export function ok(res: Response, data: unknown, extra?: Record<string, unknown>): void {
  res.status(200).json({ status: 'success', data, ...extra });
}

/** The success envelope around `data` that is already JSON text, as bytes (HRIS pages, rendered at sync time). */
export function successEnvelope(dataJson: string): Buffer {
  return Buffer.from(`{"status":"success","data":${dataJson}}`);
}

/** Answers a success envelope built by `successEnvelope` (possibly cached): no JSON round trip on the hot path. */
export function okPrerendered(res: Response, envelope: Buffer): void {
  res.status(200).type('application/json').send(envelope);
}

/** Answers a CSV download (`text/csv`, UTF-8, as an attachment named `filename`). */
export function okCsv(res: Response, filename: string, csv: string): void {
  res.status(200).type('text/csv; charset=utf-8').attachment(filename).send(csv);
}
