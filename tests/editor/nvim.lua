-- A manager's session in headless Neovim (0.7 and later): open a contract, receive
-- cairn's findings through Neovim's own LSP client, write the missing section, see the
-- finding go. Run by tests/editor.rs; it writes what Neovim showed to $CAIRN_OUT.
local out = {}
local function say(line) table.insert(out, line) end
local function finish()
  vim.fn.writefile(out, os.getenv("CAIRN_OUT"))
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("CAIRN_FILE")))
local client = vim.lsp.start_client({
  name = "cairn",
  cmd = { os.getenv("CAIRN_BIN"), "lsp" },
  root_dir = os.getenv("CAIRN_ROOT"),
})
if not client then
  say("no client")
  finish()
end
vim.lsp.buf_attach_client(0, client)

local function findings()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(found, string.format("%d:%d %s", d.lnum + 1, d.col + 1, d.message))
  end
  table.sort(found)
  return found
end

local shown = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20)
say("opened: " .. tostring(shown))
for _, line in ipairs(findings()) do say(line) end

-- Type the missing section at the end, as a manager would.
vim.api.nvim_buf_set_lines(0, -1, -1, false, { "", "## Limitations", "", "No promotion promised this year." })
local cleared = vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end, 20)
say("after typing: " .. tostring(cleared))
for _, line in ipairs(findings()) do say(line) end

vim.lsp.stop_client(client)
finish()
