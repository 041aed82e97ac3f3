-- layerwise for Neovim 0.11+: put this directory on 'runtimepath' (or copy
-- this file to ~/.config/nvim/lsp/layerwise.lua), then
--
--   vim.lsp.enable('layerwise')
--
-- Override anything with vim.lsp.config('layerwise', { ... }), e.g. settings.
-- The settings are the shape of .layerwise.yaml and are laid over it:
--
--   vim.lsp.config('layerwise', {
--     settings = { layerwise = {
--       rules = { ['consecutive-run'] = 'off', MaintainerDeprecated = 'error' },
--       ['trusted-base-images'] = { 'registry.example.com/base/*' },
--     } },
--   })
--
-- Neovim detects Dockerfile, *.Dockerfile, Dockerfile.*, *.dockerfile and
-- Containerfile as filetype 'dockerfile'.

---@type vim.lsp.Config
return {
  cmd = { 'layerwise' },
  filetypes = { 'dockerfile' },
  root_markers = { '.layerwise.yaml', '.dockerignore', '.git' },
  settings = { layerwise = vim.empty_dict() },
}
