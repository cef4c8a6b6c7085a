import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Server } from 'node:http';
import { widgetRoutes } from '../../../server/http/routes/widget.routes.ts';

describe('GET /flow', () => {
  let server: Server;
  let url: string;
  let dist: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'widget-'));
    fs.mkdirSync(path.join(dist, 'flow'));
    fs.writeFileSync(path.join(dist, 'flow/index.html'), '<!doctype html><title>flow</title>');
    server = express().use(widgetRoutes(dist)).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dist, { recursive: true, force: true });
  });

  describe('with a link token in the URL', () => {
    it('answers Cache-Control: no-store so no cache keeps the page', async () => {
      const res = await fetch(`${url}/flow?token=tok_secret`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });
  });
});
