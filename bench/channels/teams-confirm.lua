-- wrk script: Action.Execute invokes (adaptiveCard/action) from the demo rep's checklist cards:
-- confirm one item, later undo it, round robin over 10 (deal, item) pairs of the demo rep's open
-- deals, so nearly every request writes (a confirmation row, or its removal) and answers with the
-- updated card in the HTTP response. Never all required items of a stage: no deal advances, so
-- the stage versions below stay valid for the whole run.
-- The deal ids/stage versions are those of a fresh demo database (bench/channels/teams.sh).
-- Env: CONNECTOR_URL, AUTH (Authorization header).
local service_url = os.getenv("CONNECTOR_URL") or "http://127.0.0.1:3979"
local pairs_ = {  -- deal id, stage, stage version, item
  { 1, "discovery", 3, "champion-named" }, { 1, "discovery", 3, "requirements-listed" },
  { 2, "demo", 4, "demo-script-mapped" }, { 2, "demo", 4, "demo-held" },
  { 3, "proposal", 3, "proposal-sent" }, { 3, "proposal", 3, "proposal-reviewed" },
  { 10, "sales-engagement", 1, "conversation-held" }, { 10, "sales-engagement", 1, "pain-confirmed" },
  { 11, "sql", 1, "agenda-sent" }, { 20, "new-customer", 4, "success-plan-agreed" },
}
local head = '{"type":"invoke","name":"adaptiveCard/action","id":"'
local mid = '","timestamp":"2026-11-27T10:30:43.656Z","serviceUrl":"' .. service_url .. '","channelId":"msteams",'
  .. '"from":{"id":"29:1a2b3c-user-dana","name":"Dana Demo","aadObjectId":"00000000-0000-0000-0000-0000000000020"},'
  .. '"conversation":{"conversationType":"personal","tenantId":"00000000-0000-0000-0000-000000000001","id":"a:1bench-personal-confirm"},'
  .. '"recipient":{"id":"28:00000000-0000-0000-0000-000000000011","name":"Sales Coach"},"locale":"en-US",'
  .. '"channelData":{"tenant":{"id":"00000000-0000-0000-0000-000000000001"}},"value":{"action":'
local headers = { ["Content-Type"] = "application/json" }
if os.getenv("AUTH") then headers["Authorization"] = os.getenv("AUTH") end

local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end

local function action(p, undo)
  if undo then
    return string.format('{"type":"Action.Execute","verb":"undo","data":{"kind":"undo","deal":%d,"stage":"%s","stageVersion":%d,"item":"%s"}}',
      p[1], p[2], p[3], p[4])
  end
  return string.format('{"type":"Action.Execute","verb":"confirm","data":{"kind":"confirm","deal":%d,"stage":"%s","stageVersion":%d,"%s":"true"}}',
    p[1], p[2], p[3], p[4])
end

local n = 0
function request()
  n = n + 1
  -- thread 2 starts half-way round, so the two threads rarely hit the same pair at once
  local k = n + (tid - 1) * 5
  local p = pairs_[(k % #pairs_) + 1]
  local undo = (math.floor(k / #pairs_) % 2) == 1
  return wrk.format("POST", nil, headers, head .. tid .. "-" .. n .. mid .. action(p, undo) .. ',"trigger":"manual"}}')
end
