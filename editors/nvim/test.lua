-- Headless test: Neovim's own LSP client drives the real layerwise binary.
-- Works with Neovim 0.7 (Debian's package) and newer.
--
--   LAYERWISE_BIN=/path/to/layerwise nvim --headless --clean -u NONE -c 'luafile editors/nvim/test.lua'
--
-- Exits 0 when every check passes, 1 otherwise; each wait has a timeout.

local failures = 0
local function log(msg)
  io.stdout:write(msg .. '\n')
end
local function check(ok, msg)
  if ok then
    log('ok   ' .. msg)
  else
    failures = failures + 1
    log('FAIL ' .. msg)
  end
  return ok
end
local function finish()
  log(failures == 0 and 'nvim: all checks passed' or ('nvim: ' .. failures .. ' check(s) failed'))
  vim.cmd((failures == 0) and 'qall!' or 'cquit! 1')
end

local ok, err = pcall(function()
  local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
  local bin = os.getenv('LAYERWISE_BIN') or 'layerwise'
  check(vim.fn.executable(bin) == 1, 'layerwise binary is executable: ' .. bin)

  -- The shipped Neovim 0.11+ config, used here for cmd/filetypes/settings.
  local cfg = dofile(here .. '/lsp/layerwise.lua')
  check(cfg.cmd[1] == 'layerwise' and vim.tbl_contains(cfg.filetypes, 'dockerfile'), 'lsp/layerwise.lua loads')

  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local path = dir .. '/Dockerfile'
  local f = assert(io.open(path, 'w'))
  f:write('FROM alpine:3.19\nMAINTAINER me\nRUN apt-get update\nRUN apt-get install curl\n')
  f:close()

  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'dockerfile', 'filetype is dockerfile (got ' .. vim.bo[buf].filetype .. ')')


  local function code_of(d)
    if d.code then
      return d.code
    end
    local lsp = d.user_data and d.user_data.lsp
    return lsp and lsp.code
  end
  local function find(code)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == code then
        return d
      end
    end
  end

  local client_id = vim.lsp.start_client({
    name = 'layerwise',
    cmd = { bin },
    root_dir = dir,
    settings = cfg.settings,
  })
  check(client_id ~= nil, 'vim.lsp.start_client started layerwise')
  vim.lsp.buf_attach_client(buf, client_id)

  -- 1. Diagnostics arrive in vim.diagnostic.
  local got = vim.wait(15000, function()
    return find('MaintainerDeprecated') ~= nil and find('consecutive-run') ~= nil
  end, 50)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(codes, tostring(code_of(d)))
  end
  if not check(got, 'diagnostics MaintainerDeprecated and consecutive-run arrive (got: ' .. table.concat(codes, ', ') .. ')') then
    return
  end
  local maint = find('MaintainerDeprecated')
  check(maint.lnum == 1 and maint.col == 0, 'MaintainerDeprecated is on line 2, column 1')
  check(maint.severity == vim.diagnostic.severity.WARN, 'MaintainerDeprecated is a warning')

  -- 2. A code action: ask for it, resolve it when the server sends it lazily,
  -- and apply its WorkspaceEdit to the buffer.
  local client = vim.lsp.get_client_by_id(client_id)
  -- vim.diagnostic keeps the LSP extras (code, ...) in user_data.lsp; the
  -- range and message are its own fields.
  local lsp_diag = vim.tbl_extend('force', (maint.user_data and maint.user_data.lsp) or {}, {
    range = {
      start = { line = maint.lnum, character = maint.col },
      ['end'] = { line = maint.end_lnum, character = maint.end_col },
    },
    message = maint.message,
    severity = maint.severity,
    code = 'MaintainerDeprecated',
  })
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local res, rerr = client.request_sync('textDocument/codeAction', params, 10000, buf)
  if os.getenv('NVIM_TEST_DEBUG') then log(vim.inspect({ res = res, err = rerr, params = params })) end
  check(res and not res.err and res.result and #res.result > 0, 'textDocument/codeAction answers with actions')
  local action
  for _, a in ipairs((res and res.result) or {}) do
    if a.kind == 'quickfix' then
      action = a
      break
    end
  end
  if not check(action ~= nil, 'a quickfix for MaintainerDeprecated') then
    return
  end
  if not action.edit then
    local r = client.request_sync('codeAction/resolve', action, 10000, buf)
    check(r and not r.err and r.result and r.result.edit, 'codeAction/resolve returns the edit')
    action = (r and r.result) or action
  end
  local before = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  local after = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  check(after ~= before, 'the buffer changed')
  check(not after:find('MAINTAINER', 1, true) and after:find('LABEL', 1, true) ~= nil, 'MAINTAINER became LABEL: ' .. after:gsub('\n', '\\n'))

  -- 3. The edit reaches the server (didChange) and the finding goes away.
  check(vim.wait(15000, function()
    return find('MaintainerDeprecated') == nil and find('consecutive-run') ~= nil
  end, 50), 'MaintainerDeprecated is gone after the fix')

  -- 4. Hover answers.
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 3, character = 1 },
  }, 10000, buf)
  check(hover and hover.result and hover.result.contents ~= nil, 'hover answers')

  vim.lsp.stop_client(client_id)
  check(vim.wait(10000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 50), 'layerwise shuts down')

  -- 5. Settings (the shape of .layerwise.yaml) reach the server. Neovim
  -- 0.10+ and nvim-lspconfig send `settings` with
  -- workspace/didChangeConfiguration right after initialize; 0.7 leaves that
  -- to on_init, so do here what they do.
  local dir2 = vim.fn.tempname()
  vim.fn.mkdir(dir2, 'p')
  local path2 = dir2 .. '/Dockerfile'
  f = assert(io.open(path2, 'w'))
  f:write('FROM alpine:3.19\nMAINTAINER me\nRUN a\nRUN b\n')
  f:close()
  vim.cmd('edit ' .. vim.fn.fnameescape(path2))
  buf = vim.api.nvim_get_current_buf()
  local id2 = vim.lsp.start_client({
    name = 'layerwise',
    cmd = { bin },
    root_dir = dir2,
    settings = { layerwise = { rules = { ['consecutive-run'] = 'off', MaintainerDeprecated = 'error' } } },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  })
  vim.lsp.buf_attach_client(buf, id2)
  check(vim.wait(15000, function()
    local m = find('MaintainerDeprecated')
    return m ~= nil and m.severity == vim.diagnostic.severity.ERROR and find('consecutive-run') == nil
  end, 50), 'settings: consecutive-run off, MaintainerDeprecated raised to error')
  vim.lsp.stop_client(id2)
  vim.wait(10000, function()
    return vim.lsp.get_client_by_id(id2) == nil
  end, 50)
end)

if not ok then
  failures = failures + 1
  log('FAIL error: ' .. tostring(err))
end
finish()
