import type { Response } from 'express';

/** Answers the Kombo success envelope `{status:"success", data}` with status 200 (the SDK accepts nothing else). */
export function ok(res: Response, data: unknown, extra?: Record<string, unknown>): void {
  res.status(200).json({ status: 'success', data, ...extra });
}
