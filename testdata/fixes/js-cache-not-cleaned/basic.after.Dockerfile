FROM node:20-slim
WORKDIR /app
RUN npm ci --omit=dev && npm cache clean --force
RUN npm install -g pm2 && npm run build && npm cache clean --force
RUN yarn install --frozen-lockfile && \
    yarn build && \
    yarn cache clean
