import type { Response } from 'express';

/** Answers the Kombo success envelope `{status:"success", data}` with status 200 (the SDK accepts nothing else). */
export function ok(res: Response, data: unknown, extra?: Record<string, unknown>): void {
  res.status(200).json({ status: 'success', data, ...extra });
}

/**
 * The same success envelope around `data` that is already JSON text (HRIS pages, whose records are
 * rendered at sync time): no parse/stringify round trip on the hot path.
 */
export function okPrerendered(res: Response, dataJson: string): void {
  res.status(200).type('application/json').send(`{"status":"success","data":${dataJson}}`);
}
