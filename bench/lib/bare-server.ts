import fs from 'node:fs';
import express from 'express';

// The references, measured in the same run as the server:
// - `/bare`: a bare Express 5 handler answering a small JSON body (the check-api-key comparison);
// - `/page`: the exact bytes of one real response (argv[3], a file) with its content type (argv[4]),
//   sent from memory: what the HRIS list rows are compared with.
// No ETag, as Plugboard sends none: hashing every body would slow the reference down, not the server.
const [, , port, pageFile, pageType] = process.argv;
const app = express();
app.set('etag', false);
app.get('/bare', (_req, res) => {
  res.status(200).json({ status: 'success', data: { environment_id: 'bench', customer_id: 'bench' } });
});
if (pageFile) {
  const page = fs.readFileSync(pageFile);
  app.get('/page', (_req, res) => {
    res.status(200).type(pageType ?? 'application/json').send(page);
  });
}
const server = app.listen(Number(port ?? 0), '127.0.0.1', () => {
  console.log('bare ready');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
