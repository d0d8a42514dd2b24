// The socket.io relay Haven's load benchmark measures against (bench/Haven.Load).
// Same work as bench/PlainRelay: each client joins a room named by its id, "send" relays the
// payload to the peer's room and acknowledges the sender. No auth, no storage, no checks.
'use strict';
const http = require('node:http');
const { Server } = require('socket.io');

const port = Number.parseInt(process.argv[2] ?? process.env.PORT ?? '0', 10);
const host = process.argv[3] ?? '127.0.0.1';

const httpServer = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(httpServer, {
  serveClient: false,
  transports: ['websocket'],
  perMessageDeflate: false,
});

io.on('connection', (socket) => {
  const id = socket.handshake.query.id;
  if (typeof id === 'string' && id.length > 0) socket.join(id);
  socket.on('send', (message, ack) => {
    if (message && typeof message.to === 'string') {
      io.to(message.to).emit('msg', { id: message.id, text: message.text });
    }
    if (typeof ack === 'function') ack({ id: message?.id });
  });
});

httpServer.listen(port, host, () => {
  console.log(`listening on ${host}:${httpServer.address().port}`);
});

const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
