-- wrk script: a Teams "what's next for Globex renewal" message from the demo rep (Dana, whose
-- aadObjectId is in the demo data), so every turn finds the person and looks the deal up in
-- the database, and answers with the checklist Adaptive Card at the fake connector.
-- Same shape as the shared harness's wrk/activity.lua, with two differences:
--  * from.aadObjectId = the demo rep (the shared script's user is not a known person), and
--  * CONVS conversations (default 12000, round robin): Teams allows a bot ~2 messages/s per
--    conversation (60 in 30 s), and our connector client paces each conversation within those
--    limits, so one conversation at thousands of turns/s would measure the pacer's waits; 12000
--    keep each conversation under 1.2 messages/s up to 14,400 turns/s (4000, the default until
--    our turn passed 6,000/s, let runs at 8-10k turns/s wait on the pacer for seconds).
--    Few enough that the warm-up (>= 30 s) sees every conversation once at >= 400 turns/s, so the
--    measured turns are in conversations the bot knows, as nearly all real ones are (the first
--    message of a conversation also stores its conversation reference: CONVS=25000, the earlier
--    default, measures mostly those first messages).
-- Env: CONNECTOR_URL (default http://127.0.0.1:3979), AUTH (Authorization header), CONVS, TEXT.
local service_url = os.getenv("CONNECTOR_URL") or "http://127.0.0.1:3979"
local convs = tonumber(os.getenv("CONVS") or "12000")
local text = os.getenv("TEXT") or "what's next for Globex renewal"
local head = '{"type":"message","text":"' .. text .. '","id":"'
local mid = '","timestamp":"2026-11-27T10:30:43.656Z","localTimestamp":"2026-11-27T10:30:43.656+00:00",'
  .. '"localTimezone":"Europe/Berlin","serviceUrl":"' .. service_url .. '","channelId":"msteams",'
  .. '"from":{"id":"29:1a2b3c-user-dana","name":"Dana Demo","aadObjectId":"00000000-0000-0000-0000-0000000000020"},'
  .. '"conversation":{"conversationType":"personal","tenantId":"00000000-0000-0000-0000-000000000001","id":"a:1bench-personal-'
local tail = '"},"recipient":{"id":"28:00000000-0000-0000-0000-000000000011","name":"Sales Coach"},'
  .. '"textFormat":"plain","locale":"en-US","entities":[{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"Europe/Berlin"}],'
  .. '"channelData":{"tenant":{"id":"00000000-0000-0000-0000-000000000001"}}}'
local headers = { ["Content-Type"] = "application/json" }
if os.getenv("AUTH") then headers["Authorization"] = os.getenv("AUTH") end

local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end

local n = 0
function request()
  n = n + 1
  local conv = tid .. "-" .. (n % math.max(1, math.floor(convs / 2)))
  return wrk.format("POST", nil, headers, head .. tid .. "-" .. n .. mid .. conv .. tail)
end
