#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + icons in one zip) with the real bot app id and
# the host's public domain filled in, ready for "Upload a custom app" or the Teams admin centre.
# Usage: manifest/build-package.sh APP_ID DOMAIN [OUT.zip]
#   APP_ID  the bot's Microsoft App id (Teams:AppId), a GUID
#   DOMAIN  the host name the bot is served from (PublicBaseUrl's host), e.g. coach.contoso.com
#   OUT     default: manifest/build/salescoachbot-teams.zip
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app_id=${1:-}; domain=${2:-}; out=${3:-$here/build/salescoachbot-teams.zip}
if [[ ! $app_id =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "usage: $0 APP_ID DOMAIN [OUT.zip]  (APP_ID must be a GUID)" >&2; exit 2
fi
domain=${domain#https://}; domain=${domain%%/*}
if [[ ! $domain =~ ^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$ ]]; then
  echo "DOMAIN must be a host name such as coach.contoso.com, got '${2:-}'" >&2; exit 2
fi
mkdir -p "$(dirname "$out")"
python3 - "$here" "$app_id" "$domain" "$out" <<'PY'
import json, sys, zipfile
here, app_id, domain, out = sys.argv[1:]
m = json.load(open(f"{here}/manifest.json", encoding="utf-8"))
m["id"] = app_id
for bot in m["bots"]:
    bot["botId"] = app_id
m["validDomains"] = [domain]
for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
    m["developer"][key] = m["developer"][key].replace("bot.example.com", domain)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:   # files at the zip's root, as Teams expects
    z.writestr("manifest.json", json.dumps(m, indent=2, ensure_ascii=False) + "\n")
    z.write(f"{here}/{m['icons']['color']}", m["icons"]["color"])
    z.write(f"{here}/{m['icons']['outline']}", m["icons"]["outline"])
PY
# Validate what was packed when the project's Teams tools are installed (tests/peers/teams: npm ci).
peers="$here/../tests/peers/teams"
if [ -d "$peers/node_modules/@microsoft/app-manifest" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$out" "$tmp"
  (cd "$peers" && node validate-manifest.mjs "$tmp/manifest.json")
fi
echo "$out"
