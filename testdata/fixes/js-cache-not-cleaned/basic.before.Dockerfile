FROM node:20-slim
WORKDIR /app
RUN npm ci --omit=dev
RUN npm install -g pm2 && npm run build
RUN yarn install --frozen-lockfile && \
    yarn build
