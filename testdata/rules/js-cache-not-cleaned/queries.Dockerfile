# Asking a tool its version installs nothing: the official node images end
# their yarn install with `yarn --version`.
FROM node:22-bookworm-slim
RUN yarn --version && npm --version && npm -v
RUN npm install --help
# The positive twin: an install keeps its tarballs.
# want "js-cache-not-cleaned"
RUN yarn global add serve@14
