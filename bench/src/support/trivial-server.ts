/**
 * The server every contender of the overhead bench talks to, in its own process so it does not share
 * the client's thread: it answers any request with a small JSON body and X's rate-limit headers, and
 * checks nothing. It sends its port to the parent, and exits with it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const body = JSON.stringify({
  data: { id: "1460000000000000001", name: "twauth Emulator", username: "twauth" },
});
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "x-rate-limit-limit": "75",
      "x-rate-limit-remaining": "74",
      "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900),
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.((server.address() as AddressInfo).port));
process.on("disconnect", () => process.exit(0));
