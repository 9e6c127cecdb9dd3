#!/usr/bin/env python3
"""Slack's Web API and Teams' Bot Connector as the battery needs them, on loopback: records what the hosts send and,
when told, answers a share of the calls with 500 for a while (POST /_control/fail {"percent":50,"seconds":120}).
GET /_stats says what it saw. Under /teams/ it also stands in for login.botframework.com: the OpenID metadata and
the keys battery.py signs its activities with ($BATTERY_WORK/teams-jwks.json). The hosts hold no connector
credentials here (MSAL asks its token endpoint over https only; the token path is tested in SalesCoachBot.Teams.Tests),
so connector calls carry none. Only the standard library, so CI needs nothing beyond python3."""
import json
import os
import random
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"fail_percent": 0, "fail_until": 0.0}
stats = {"delivered": {}, "failed_5xx": 0, "calls": {}, "responses": [], "dm": 0, "teams_replies": 0}


def body_params(handler, raw):
    kind = handler.headers.get("Content-Type", "")
    if "json" in kind:
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return {}
    return {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_stats":
            with lock:
                self.answer(200, stats)
        elif self.path == "/teams/openid":
            port = self.server.server_address[1]
            self.answer(200, {"issuer": "https://api.botframework.com", "jwks_uri": f"http://127.0.0.1:{port}/teams/keys",
                              "id_token_signing_alg_values_supported": ["RS256"]})
        elif self.path == "/teams/keys":
            with open(os.path.join(os.environ["BATTERY_WORK"], "teams-jwks.json")) as f:
                self.answer(200, json.load(f))
        else:
            self.answer(404, {})

    def teams(self):
        """The Bot Connector: activities posted to conversations (a reply names the activity it answers)."""
        parts = self.path.split("/")   # ['', 'teams', 'v3', 'conversations', ID, 'activities'(, REPLY_TO)]
        if len(parts) < 6 or parts[2:4] != ["v3", "conversations"] or parts[5] != "activities":
            return self.answer(404, {"error": {"code": "NotFound", "message": self.path}})
        conversation = urllib.parse.unquote(parts[4])
        with lock:
            if len(parts) > 6:
                stats["teams_replies"] += 1
            else:
                stats["delivered"][conversation] = stats["delivered"].get(conversation, 0) + 1
            activity_id = f"act-{sum(stats['delivered'].values()) + stats['teams_replies']}"
        return self.answer(201, {"id": activity_id})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        if self.path == "/_control/fail":
            cfg = json.loads(raw or b"{}")
            with lock:
                state["fail_percent"] = int(cfg.get("percent", 0))
                state["fail_until"] = time.time() + float(cfg.get("seconds", 0))
            return self.answer(200, {"ok": True})
        if self.path.startswith("/response/"):
            with lock:
                stats["responses"].append({"path": self.path, "body": raw.decode(errors="replace")})
            return self.answer(200, {"ok": True})

        method = self.path.rsplit("/", 1)[-1]
        params = body_params(self, raw)
        with lock:
            stats["calls"][method] = stats["calls"].get(method, 0) + 1
            failing = time.time() < state["fail_until"] and random.randrange(100) < state["fail_percent"]
            if failing:
                stats["failed_5xx"] += 1
        if failing:
            return self.answer(500, {"ok": False, "error": "fake_internal_error"})
        if self.path.startswith("/teams/"):
            return self.teams()
        if method == "users.info":
            user = params.get("user", "U0")
            return self.answer(200, {"ok": True, "user": {"id": user, "name": "battery", "is_email_confirmed": True,
                                                          "profile": {"email": "battery-admin@example.com"}}})
        if method == "conversations.open":
            return self.answer(200, {"ok": True, "channel": {"id": "D" + params.get("users", "X")}})
        if method == "chat.postMessage":
            channel = params.get("channel", "?")
            with lock:
                stats["delivered"][channel] = stats["delivered"].get(channel, 0) + 1
            return self.answer(200, {"ok": True, "channel": channel, "ts": "%.6f" % time.time()})
        return self.answer(200, {"ok": True})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None   # a host killed mid-call resets its connection: expected
    server.serve_forever()
