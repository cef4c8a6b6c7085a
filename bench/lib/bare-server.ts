import express from 'express';

// The reference: a bare Express 5 handler answering a small JSON body, measured in the same run.
const app = express();
app.get('/bare', (_req, res) => {
  res.status(200).json({ status: 'success', data: { environment_id: 'bench', customer_id: 'bench' } });
});
const server = app.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log('bare ready');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
