FROM node:22-slim
WORKDIR /app
# Yarn 4's install of one workspace's production dependencies.
# want "js-cache-not-cleaned"
RUN yarn workspaces focus --production @acme/api
RUN yarn workspaces focus --all --production && yarn cache clean --all
# Listing the workspaces installs nothing.
RUN yarn workspaces list --json
