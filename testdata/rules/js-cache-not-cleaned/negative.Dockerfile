FROM node:20 AS build
WORKDIR /app
RUN npm ci && npm run build

FROM node:20-slim
WORKDIR /app
RUN npm ci --omit=dev && npm cache clean --force
RUN npm install -g pm2 && rm -rf /root/.npm
RUN npm install && rm -rf ~/.npm/_cacache
RUN yarn install --frozen-lockfile && yarn cache clean
RUN yarn add left-pad && rm -rf /usr/local/share/.cache/yarn
RUN --mount=type=cache,target=/root/.npm npm ci
RUN --mount=type=cache,target=/home/node/.npm npm ci
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
# not installs
RUN npm run build && yarn build && yarn run test && npm test
