// The status page's only script: the socket.io client and a few lines that follow status:<slug> and,
// on each change, fetch the page again and swap its <main> (so the server stays the one renderer).
import { readFile } from "node:fs/promises";
import path from "node:path";

export const dynamic = "force-static";

const LIVE = `
(function () {
  var main = document.getElementById("main");
  var live = document.getElementById("live");
  if (!main || !window.io) return;
  var slug = main.getAttribute("data-slug");
  var say = function (text) { var el = document.getElementById("live"); if (el) el.textContent = text; live = el; };
  var timer = null, joined = false;
  var refresh = function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(location.pathname + "?fresh=1", { credentials: "same-origin", cache: "no-store" }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("main");
        if (next) { main.innerHTML = next.innerHTML; say("● Updates automatically"); }
      }).catch(function () {});
    }, 150);
  };
  var socket = window.io({ path: "/socket.io", transports: ["websocket", "polling"] });
  socket.on("connect", function () {
    socket.emit("join", { room: "status:" + slug }, function (answer) {
      if (answer && answer.ok) { say("● Updates automatically"); if (joined) refresh(); joined = true; }
      else say("Live updates unavailable; reload for the latest status.");
    });
  });
  socket.on("disconnect", function () { say("◌ Live updates paused; reconnecting…"); });
  socket.on("status.changed", refresh);
  socket.on("status.posted", refresh);
})();
`;

export async function GET() {
  const client = await readFile(path.join(process.cwd(), "node_modules/socket.io-client/dist/socket.io.min.js"), "utf8");
  return new Response(`${client.replace(/\/\/# sourceMappingURL=.*$/m, "")}\n${LIVE}`, {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
