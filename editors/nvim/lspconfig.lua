-- layerwise for nvim-lspconfig users (any Neovim with nvim-lspconfig).
-- Paste this into your config (or require it), then:
--
--   require('lspconfig').layerwise.setup({})
--   -- or, with settings in the shape of .layerwise.yaml:
--   require('lspconfig').layerwise.setup({
--     settings = { layerwise = { rules = { ['consecutive-run'] = 'off' } } },
--   })
local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.layerwise then
  configs.layerwise = {
    default_config = {
      cmd = { 'layerwise' },
      filetypes = { 'dockerfile' },
      root_dir = util.root_pattern('.layerwise.yaml', '.dockerignore', '.git'),
      single_file_support = true,
      settings = { layerwise = vim.empty_dict() },
    },
    docs = {
      description = [[
https://github.com/layerwise/layerwise

A language server for Dockerfiles that thinks in layers: BuildKit's checks,
layer, size and cache rules, quick fixes and hover.

`go install github.com/layerwise/layerwise/cmd/layerwise@latest`
]],
    },
  }
end
